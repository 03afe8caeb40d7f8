/** How the live display may draw on this terminal. */
export interface TerminalStyle {
  /** ANSI colours. */
  readonly color: boolean
  /** Cursor movement to redraw lines in place; without it (`TERM=dumb`), one plain line per change. */
  readonly redraw: boolean
}

const isSet = (value: string | undefined): value is string => value !== undefined && value !== ''

/**
 * The style the environment asks for: `FORCE_COLOR` (`0` or `false` for none) wins, as in Node
 * itself; otherwise a non-empty `NO_COLOR` or `TERM=dumb` turns colour off. `TERM=dumb` also means
 * no cursor escapes at all: such a terminal prints them as garbage.
 *
 * @example
 * ```ts
 * import { terminalStyle } from './terminalStyle.js'
 * console.log(JSON.stringify(terminalStyle({ TERM: 'xterm-256color' })))
 * console.log(JSON.stringify(terminalStyle({ TERM: 'xterm', NO_COLOR: '1' })), JSON.stringify(terminalStyle({ TERM: 'dumb' })))
 * console.log(JSON.stringify(terminalStyle({ TERM: 'dumb', FORCE_COLOR: '1' })), JSON.stringify(terminalStyle({ FORCE_COLOR: '0' })))
 * // Output: {"color":true,"redraw":true}
 * // Output: {"color":false,"redraw":true} {"color":false,"redraw":false}
 * // Output: {"color":true,"redraw":false} {"color":false,"redraw":true}
 * ```
 */
export function terminalStyle(env: Readonly<Record<string, string | undefined>>): TerminalStyle {
  const dumb = env['TERM'] === 'dumb'
  const force = env['FORCE_COLOR']
  const color = force !== undefined ? force !== '0' && force.toLowerCase() !== 'false' : !isSet(env['NO_COLOR']) && !dumb
  return { color, redraw: !dumb }
}
