import cliSpinners from 'cli-spinners'
import type { SchedulerLike } from 'rxjs'
import type { CliOutput } from '../CliIo.js'
import type { Display } from './Display.js'
import { fitToWidth } from './fitToWidth.js'
import { formatJobLine, type JobLine } from './JobLine.js'
import { paint, type Paint } from './paint.js'
import { liveFrame } from './liveFrame.js'
import type { TerminalStyle } from './terminalStyle.js'

const stateColour: Readonly<Record<JobLine['state'], Paint>> = { running: 'cyan', ok: 'green', partial: 'yellow', failed: 'red' }

/** The line's symbol (its first character) in the colour of its state. */
function coloured(line: JobLine, text: string, color: boolean): string {
  const [symbol = ''] = text
  return `${paint(symbol, stateColour[line.state], color)}${text.slice(symbol.length)}`
}

/**
 * The terminal display: one line per job, redrawn in place as statuses change, on every spinner
 * frame (cli-spinners' `dots`, timed on `scheduler`) and when the terminal is resized; then the
 * summary below. Every line is cut to the terminal's width (`…`), so none ever wraps, and a
 * block taller than the terminal ends with how many jobs it leaves out.
 *
 * @example
 * ```ts no-run
 * import { asyncScheduler } from 'rxjs'
 * import { liveDisplay } from './liveDisplay.js'
 * const display = liveDisplay(process.stdout, asyncScheduler, { color: true, redraw: true })
 * display.job('job_1', { label: 'Scale', status: 'pending' })
 * display.job('job_1', { status: 'completed', state: 'ok' })
 * display.end(['1 job: 1 completed'], {})
 * ```
 */
export function liveDisplay(stream: CliOutput, scheduler: SchedulerLike, style: TerminalStyle): Display {
  const { frames, interval: frameMs } = cliSpinners.dots
  const lines = new Map<string, JobLine>()
  const frame = liveFrame(stream, scheduler, frameMs, ({ width, height, tick, last }) => {
    // The last frame of a job still running (a stop) shows no spinner: it would look alive.
    const spinner = last ? '-' : (frames[tick % frames.length] ?? '-')
    const all = [...lines.values()]
    const idWidth = Math.max(...all.map((line) => line.id.length))
    const room = Math.max(2, height - 1)
    const shown = all.length > room ? all.slice(0, room - 1) : all
    const text = shown.map((line) => coloured(line, fitToWidth(formatJobLine(line, spinner, scheduler.now(), idWidth), width), style.color))
    if (shown.length < all.length) text.push(fitToWidth(`… and ${all.length - shown.length} more jobs (the summary counts them all)`, width))
    return text
  })
  return {
    job(id, patch) {
      const now = scheduler.now()
      const previous = lines.get(id) ?? { id, label: '', status: '', state: 'running' as const, since: now }
      const next: JobLine = { ...previous, ...patch }
      lines.set(id, next.state !== 'running' && next.until === undefined ? { ...next, until: now } : next)
      frame.redraw()
    },
    event: () => undefined,
    end(summary) {
      frame.stop()
      stream.write(`${summary.join('\n')}\n`)
    },
    abort: () => frame.stop(),
  }
}
