import type { CliIo } from '../CliIo.js'
import type { Display } from './Display.js'
import { liveDisplay } from './liveDisplay.js'
import { ndjsonDisplay } from './ndjsonDisplay.js'
import { plainDisplay } from './plainDisplay.js'
import { terminalStyle } from './terminalStyle.js'

/**
 * The display a command uses: NDJSON when `json` (with `secrets` redacted), else the live
 * display, or plain lines on a terminal that cannot move its cursor (`TERM=dumb`).
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs'
 * import { displayFor } from './displayFor.js'
 * const io = { stdout: { write: (text: string) => (console.log(text.trimEnd()), true), isTTY: true }, stderr: process.stderr, env: { TERM: 'dumb' }, scheduler: asyncScheduler, stop: new AbortController().signal }
 * const display = displayFor(false, io, [])
 * display.job('job_1', { label: 'Scale', status: 'failed', state: 'failed', note: 'GENERATION_FAILED' })
 * display.end(['1 job: 0 completed, 1 failed'], {})
 * // Output: ✖ job_1  Scale             failed          0.0s  GENERATION_FAILED
 * // Output: 1 job: 0 completed, 1 failed
 * ```
 */
export function displayFor(json: boolean, io: CliIo, secrets: readonly string[]): Display {
  if (json) return ndjsonDisplay(io.stdout, secrets)
  const style = terminalStyle(io.env)
  return style.redraw ? liveDisplay(io.stdout, io.scheduler, style) : plainDisplay(io.stdout, io.scheduler)
}
