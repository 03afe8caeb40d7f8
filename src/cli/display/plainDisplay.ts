import type { SchedulerLike } from 'rxjs'
import type { CliOutput } from '../CliIo.js'
import type { Display } from './Display.js'
import { fitToWidth } from './fitToWidth.js'
import { formatJobLine, type JobLine } from './JobLine.js'

/** What makes a job's line worth printing again: not its clock, nor each image of a bar. */
const shownPart = (line: JobLine): string =>
  JSON.stringify([line.label, line.status, line.state, line.note, line.ads, line.bar !== undefined && line.bar.done + line.bar.failed === line.bar.total])

/**
 * The display for a terminal that cannot move its cursor (`TERM=dumb`, such as Emacs' shell or
 * some CI logs): a plain line each time a job changes status, never an escape code, then the
 * summary.
 *
 * @example
 * ```ts
 * import { VirtualTimeScheduler } from 'rxjs'
 * import { plainDisplay } from './plainDisplay.js'
 * const display = plainDisplay({ write: (text) => (console.log(text.trimEnd()), true) }, new VirtualTimeScheduler())
 * display.job('job_1', { label: 'Scale', status: 'pending' })
 * display.job('job_1', { status: 'pending' })
 * display.job('job_1', { status: 'completed', state: 'ok' })
 * display.end(['1 job: 1 completed'], {})
 * // Output: - job_1  Scale             pending         0.0s
 * // Output: ✔ job_1  Scale             completed       0.0s
 * // Output: 1 job: 1 completed
 * ```
 */
export function plainDisplay(stream: CliOutput, scheduler: SchedulerLike): Display {
  const lines = new Map<string, JobLine>()
  const printed = new Map<string, string>()
  let ended = false
  return {
    job(id, patch) {
      const now = scheduler.now()
      const previous = lines.get(id) ?? { id, label: '', status: '', state: 'running' as const, since: now }
      const merged: JobLine = { ...previous, ...patch }
      const next = merged.state !== 'running' && merged.until === undefined ? { ...merged, until: now } : merged
      lines.set(id, next)
      if (ended || next.status === '' || printed.get(id) === shownPart(next)) return
      printed.set(id, shownPart(next))
      const text = formatJobLine(next, '-', now)
      stream.write(`${stream.columns ? fitToWidth(text, stream.columns - 1) : text}\n`)
    },
    event: () => undefined,
    end(summary) {
      ended = true
      stream.write(`${summary.join('\n')}\n`)
    },
    abort: () => {
      ended = true
    },
  }
}
