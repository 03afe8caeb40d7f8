/**
 * What the live display shows of one job: one line with a spinner (or ✔/✖), the id, the job
 * type, the status, the time since the command started, and a bar while images download.
 *
 * @example
 * ```ts
 * import type { JobLine } from './JobLine.js'
 * const line: JobLine = { id: 'job_1', label: 'Listing Builder', status: 'processing', state: 'running', since: 0 }
 * ```
 */
export interface JobLine {
  readonly id: string
  readonly label: string
  readonly status: string
  readonly state: 'running' | 'ok' | 'failed'
  /** Scheduler time the job was first shown. */
  readonly since: number
  /** Scheduler time the job's line stopped changing. */
  readonly until?: number
  /** Images downloaded (and failed) of a total, for a bar. */
  readonly bar?: { readonly done: number; readonly failed: number; readonly total: number }
  /** A short note after the status, such as an error code. */
  readonly note?: string
}

const barWidth = 12

/**
 * One line of the display, for spinner frame `frame` at scheduler time `now`.
 *
 * @example
 * ```ts
 * import { formatJobLine } from './JobLine.js'
 * const line = { id: 'job_1', label: 'Listing Builder', status: 'downloading', state: 'running' as const, since: 0, bar: { done: 3, failed: 0, total: 6 } }
 * console.log(formatJobLine(line, '⠋', 2_500))
 * // Output: ⠋ job_1  Listing Builder   downloading     2.5s  [██████······] 3/6
 * ```
 */
export function formatJobLine(line: JobLine, spinner: string, now: number): string {
  const symbol = line.state === 'ok' ? '✔' : line.state === 'failed' ? '✖' : spinner
  const seconds = `${(((line.until ?? now) - line.since) / 1000).toFixed(1)}s`
  const parts = [`${symbol} ${line.id}`, line.label.padEnd(16), line.status.padEnd(12), seconds.padStart(6)]
  if (line.bar !== undefined) {
    const { done, failed, total } = line.bar
    const filled = total === 0 ? barWidth : Math.round((barWidth * (done + failed)) / total)
    parts.push(`[${'█'.repeat(filled)}${'·'.repeat(barWidth - filled)}] ${done}/${total}${failed > 0 ? ` (${failed} failed)` : ''}`)
  }
  if (line.note !== undefined) parts.push(line.note)
  return parts.join('  ')
}
