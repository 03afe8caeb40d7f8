import type { Job } from '../../codecs/Job.js'

/**
 * What the live display shows of one job: one line with a spinner (or ✔, ! when some ads failed,
 * ✖), the id, the job type, the status, the time since the command started, the ads that failed,
 * and a bar while images download.
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
  /** `partial`: the job completed, but Pixii could not make some of its ads (or some images failed). */
  readonly state: 'running' | 'ok' | 'partial' | 'failed'
  /** Scheduler time the job was first shown. */
  readonly since: number
  /** Scheduler time the job's line stopped changing. */
  readonly until?: number
  /** Images downloaded (and failed) of a total, for a bar. */
  readonly bar?: { readonly done: number; readonly failed: number; readonly total: number }
  /** The ads of a completed job: how many Pixii made, how many it could not, and its error codes. */
  readonly ads?: AdTally
  /** Scheduler time the job is expected to finish, when the watch has an estimate (see `jobEstimate`). */
  readonly expectedAt?: number | undefined
  /** A short note after the status, such as an error code. */
  readonly note?: string
}

/** The ads of a completed job, counted. */
export interface AdTally {
  readonly succeeded: number
  readonly failed: number
  /** The distinct error codes of the failed ads, in order of first appearance. */
  readonly codes: readonly string[]
}

/**
 * Counts the ads of a job: those with an image and those Pixii could not make, with their codes.
 *
 * @example
 * ```ts
 * import { adTally } from './JobLine.js'
 * const ads = [{ preview_url: 'https://x/1.png', error: null }, { preview_url: null, error: { code: 'CONTENT_POLICY', message: 'no' } }]
 * console.log(JSON.stringify(adTally({ output: { ads } } as never)))
 * // Output: {"succeeded":1,"failed":1,"codes":["CONTENT_POLICY"]}
 * ```
 */
export function adTally(job: Pick<Job, 'output'>): AdTally {
  const ads = job.output?.ads ?? []
  const failed = ads.flatMap((ad) => (ad.error === null ? [] : [ad.error.code]))
  return { succeeded: ads.length - failed.length, failed: failed.length, codes: [...new Set(failed)] }
}

const barWidth = 12
const symbols = { ok: '✔', partial: '!', failed: '✖' } as const

function clock(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`
}

/**
 * One line of the display, for spinner frame `spinner` at scheduler time `now`, its id padded to
 * `idWidth` so that the columns of several jobs line up. It is plain text: the display fits it to
 * the terminal's width, then colours it.
 *
 * @example
 * ```ts
 * import { formatJobLine } from './JobLine.js'
 * const line = { id: 'job_1', label: 'Listing Builder', status: 'downloading', state: 'running' as const, since: 0 }
 * console.log(formatJobLine({ ...line, bar: { done: 3, failed: 0, total: 6 } }, '⠋', 2_500))
 * const partial = { ...line, status: 'completed', state: 'partial' as const, ads: { succeeded: 6, failed: 1, codes: ['CONTENT_POLICY'] } }
 * console.log(formatJobLine(partial, '⠋', 2_500))
 * console.log(formatJobLine({ ...line, status: 'processing', expectedAt: 77_500 }, '⠋', 2_500))
 * // Output: ⠋ job_1  Listing Builder   downloading     2.5s  [██████······] 3/6
 * // Output: ! job_1  Listing Builder   completed       2.5s  6/7 ads, 1 failed: CONTENT_POLICY
 * // Output: ⠋ job_1  Listing Builder   processing      2.5s  about 1m15s left
 * ```
 */
export function formatJobLine(line: JobLine, spinner: string, now: number, idWidth = 0): string {
  const symbol = line.state === 'running' ? spinner : symbols[line.state]
  const seconds = `${(((line.until ?? now) - line.since) / 1000).toFixed(1)}s`
  const parts = [`${symbol} ${line.id.padEnd(idWidth)}`, line.label.padEnd(16), line.status.padEnd(12), seconds.padStart(6)]
  const waiting = line.status === 'pending' || line.status === 'processing'
  if (line.state === 'running' && waiting && line.expectedAt !== undefined) {
    parts.push(line.expectedAt > now ? `about ${clock(line.expectedAt - now)} left` : 'due any moment')
  }
  if (line.ads !== undefined && line.ads.failed > 0) {
    const { succeeded, failed, codes } = line.ads
    parts.push(`${succeeded}/${succeeded + failed} ads, ${failed} failed: ${codes.join(', ')}`)
  }
  if (line.bar !== undefined) {
    const { done, failed, total } = line.bar
    const filled = total === 0 ? barWidth : Math.round((barWidth * (done + failed)) / total)
    parts.push(`[${'█'.repeat(filled)}${'·'.repeat(barWidth - filled)}] ${done}/${total}${failed > 0 ? ` (${failed} failed)` : ''}`)
  }
  if (line.note !== undefined) parts.push(line.note)
  return parts.join('  ')
}
