import cliSpinners from 'cli-spinners'
import { createLogUpdate } from 'log-update'
import { interval, type SchedulerLike } from 'rxjs'
import type { CliOutput } from '../CliIo.js'
import type { Display } from './Display.js'
import { formatJobLine, type JobLine } from './JobLine.js'

/**
 * The terminal display: one line per job, redrawn in place by log-update as statuses change and
 * on every spinner frame (cli-spinners' `dots`, timed on `scheduler`), then the summary below.
 *
 * @example
 * ```ts no-run
 * import { asyncScheduler } from 'rxjs'
 * import { liveDisplay } from './liveDisplay.js'
 * const display = liveDisplay(process.stdout, asyncScheduler)
 * display.job('job_1', { label: 'Scale', status: 'pending' })
 * display.job('job_1', { status: 'completed', state: 'ok' })
 * display.end(['1 job: 1 completed'], {})
 * ```
 */
export function liveDisplay(stream: CliOutput, scheduler: SchedulerLike): Display {
  const { frames, interval: frameMs } = cliSpinners.dots
  // A pseudo-terminal without a size (as under `script` or some CI runners) reports 0 rows, and
  // log-update would then clip every frame to nothing: fall back to 80×24.
  const terminal = {
    isTTY: true,
    get columns() {
      return stream.columns || 80
    },
    get rows() {
      return stream.rows || 24
    },
    write: (text: string) => stream.write(text),
  }
  const log = createLogUpdate(terminal as unknown as NodeJS.WritableStream, { showCursor: false })
  const lines = new Map<string, JobLine>()
  let frame = 0
  const render = (): void => {
    const spinner = frames[frame % frames.length] ?? '-'
    log([...lines.values()].map((line) => formatJobLine(line, spinner, scheduler.now())).join('\n'))
  }
  const ticker = interval(frameMs, scheduler).subscribe(() => {
    frame += 1
    render()
  })
  const stop = (): void => {
    if (ticker.closed) return
    ticker.unsubscribe()
    render()
    log.done()
  }
  return {
    job(id, patch) {
      const now = scheduler.now()
      const previous = lines.get(id) ?? { id, label: '', status: '', state: 'running' as const, since: now }
      const next: JobLine = { ...previous, ...patch }
      lines.set(id, next.state !== 'running' && next.until === undefined ? { ...next, until: now } : next)
      render()
    },
    event: () => undefined,
    end(summary) {
      stop()
      stream.write(`${summary.join('\n')}\n`)
    },
    abort: stop,
  }
}
