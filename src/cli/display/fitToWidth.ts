import stringWidth from 'string-width'

// Graphemes, not code points: a flag or a family emoji is one cell group, never cut in half.
const graphemes = new Intl.Segmenter()

/**
 * `text` cut to at most `columns` terminal cells, with `…` where it was cut. Widths are the
 * terminal's (string-width: East Asian wide characters and emoji take two cells), so a line fits
 * exactly and the terminal never wraps it: a wrapped line is what made a redraw lose lines.
 *
 * @example
 * ```ts
 * import { fitToWidth } from './fitToWidth.js'
 * console.log(fitToWidth('job_1  Listing Builder  processing', 20))
 * console.log(fitToWidth('日本語のジョブ', 9), fitToWidth('short', 20))
 * // Output: job_1  Listing Buil…
 * // Output: 日本語の… short
 * ```
 */
export function fitToWidth(text: string, columns: number): string {
  if (stringWidth(text) <= columns) return text
  let kept = ''
  let width = 0
  for (const { segment } of graphemes.segment(text)) {
    const cells = stringWidth(segment)
    if (width + cells > columns - 1) break
    kept += segment
    width += cells
  }
  return columns >= 1 ? `${kept}…` : ''
}
