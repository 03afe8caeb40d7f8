import stringWidth from 'string-width'

/** A block of lines redrawn in place at the bottom of a terminal. */
export interface TerminalFrame {
  /** Replaces the block with `lines`, each already narrower than the terminal. */
  draw(lines: readonly string[]): void
  /** The terminal is now `columns` wide: the next draw erases the block as the terminal reflowed it. */
  resized(columns: number): void
  /** Leaves the block on screen, shows the cursor again, and stops drawing. */
  done(): void
}

const esc = '\u001b['
// Terminals that know it show a frame at once instead of line by line; others ignore it.
const beginSync = `${esc}?2026h`
const endSync = `${esc}?2026l`
export const hideCursor = `${esc}?25l`
export const showCursor = `${esc}?25h`

/**
 * Redraws a block of lines: back to the block's first row, then each line over the old one, then
 * an erase of whatever the old block had below. No line is ever wider than the terminal (the caller fits them), so the block takes
 * exactly one row per line and going back never misses a row. After a resize the terminal may
 * have re-wrapped the old lines (tmux, VTE, iTerm2 and Windows Terminal do): the rows they now
 * take are counted at the new width, so the next draw erases all of them.
 *
 * @example
 * ```ts
 * import { terminalFrame } from './terminalFrame.js'
 * let out = ''
 * const frame = terminalFrame((text) => (out += text))
 * frame.draw(['a', 'b'])
 * frame.draw(['a', 'c'])
 * frame.done()
 * console.log(JSON.stringify(out.replace(/\u001b\[\?2026[hl]/g, '')))
 * // Output: "\u001b[?25l\r\u001b[2Ka\n\u001b[2Kb\n\u001b[J\r\u001b[2A\u001b[2Ka\n\u001b[2Kc\n\u001b[J\u001b[?25h"
 * ```
 */
export function terminalFrame(write: (text: string) => unknown): TerminalFrame {
  let rows = 0
  let drawn: readonly string[] = []
  let started = false
  let ended = false
  return {
    draw(lines) {
      if (ended) return
      const up = rows > 0 ? `${esc}${rows}A` : ''
      // Line by line, then below: an erase from the top of the screen would make tmux push the old
      // frame into its scrollback (its scroll-on-clear), one copy per redraw.
      const body = lines.map((line) => `${esc}2K${line}\n`).join('')
      write(`${beginSync}${started ? '' : hideCursor}\r${up}${body}${esc}J${endSync}`)
      started = true
      rows = lines.length
      drawn = lines
    },
    resized(columns) {
      const width = Math.max(1, columns)
      rows = drawn.reduce((sum, line) => sum + Math.max(1, Math.ceil(stringWidth(line) / width)), 0)
    },
    done() {
      if (ended) return
      ended = true
      if (started) write(showCursor)
    },
  }
}
