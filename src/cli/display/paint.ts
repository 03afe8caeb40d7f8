/** The colours the display uses. */
export type Paint = 'green' | 'red' | 'yellow' | 'cyan' | 'dim'

const codes: Readonly<Record<Paint, readonly [number, number]>> = {
  green: [32, 39],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  dim: [2, 22],
}

/**
 * `text` in `paint` when `color` is on, else unchanged: the one place that writes colour codes.
 *
 * @example
 * ```ts
 * import { paint } from './paint.js'
 * console.log(JSON.stringify(paint('✔', 'green', true)), paint('✔', 'green', false))
 * // Output: "\u001b[32m✔\u001b[39m" ✔
 * ```
 */
export function paint(text: string, colour: Paint, color: boolean): string {
  const [open, close] = codes[colour]
  return color && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text
}
