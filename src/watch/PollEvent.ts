import type { JobStatus } from '../codecs/JobStatus.js'
import type { PixiiError } from '../errors/PixiiError.js'
import type { JobEstimate } from '../schedules/JobEstimate.js'

/**
 * Why the watch waits as long as it does before the next poll, or why it stopped.
 *
 * @example
 * ```ts
 * import type { PollDecision } from 'pixii-rx/advanced'
 * const describe = (decision: PollDecision): string => (decision.kind === 'wait' ? `${decision.reason}: ${decision.delayMs} ms` : `stopped: ${decision.reason}`)
 * console.log(describe({ kind: 'wait', delayMs: 5_000, reason: 'retry-after' }))
 * // Output: retry-after: 5000 ms
 * ```
 */
export type PollDecision =
  | { readonly kind: 'wait'; readonly delayMs: number; readonly reason: 'schedule' | 'backoff' | 'retry-after' }
  | { readonly kind: 'stop'; readonly reason: 'completed' | 'failed' | 'idle' | 'fatal-error' | 'retries-exhausted' }

/**
 * What one poll brought back: a job (and whether it was emitted as a transition), a list of an
 * ASIN's jobs (how many, how many changed, and how many requests the poll took), or an error.
 *
 * @example
 * ```ts
 * import type { PollOutcome } from 'pixii-rx/advanced'
 * const requests = (outcome: PollOutcome): number => (outcome.kind === 'list' ? outcome.requests : 1)
 * console.log(requests({ kind: 'list', jobs: 150, changed: 3, requests: 2 }))
 * // Output: 2
 * ```
 */
export type PollOutcome =
  | { readonly kind: 'job'; readonly status: JobStatus; readonly emitted: boolean }
  | { readonly kind: 'list'; readonly jobs: number; readonly changed: number; readonly requests: number }
  | { readonly kind: 'error'; readonly error: PixiiError }

/**
 * One poll of a watch, for telemetry: when it was made, what came back, and what the watch
 * decided next. Pass `onPoll` to `watchJob$` or to the client to receive them.
 *
 * @example
 * ```ts
 * import type { PollEvent } from 'pixii-rx'
 * const log = (event: PollEvent): void => {
 *   const answer = event.outcome.kind === 'job' ? event.outcome.status : event.outcome.kind === 'error' ? event.outcome.error._tag : 'list'
 *   const next = event.decision.kind === 'wait' ? `wait ${event.decision.delayMs} ms (${event.decision.reason})` : 'stop'
 *   console.log(`${event.subject} #${event.attempt}: ${answer}, ${next}`)
 * }
 * log({ subject: 'job_1', attempt: 2, requestedAt: 0, answeredAt: 40, outcome: { kind: 'job', status: 'processing', emitted: true },
 *   decision: { kind: 'wait', delayMs: 500, reason: 'schedule' } })
 * // Output: job_1 #2: processing, wait 500 ms (schedule)
 * ```
 */
export interface PollEvent {
  /** What the loop watches: a job id, or an ASIN for `watchAsin$`. */
  readonly subject: string
  /** The number of this poll in the watch, from 1. */
  readonly attempt: number
  /** Scheduler time when the request was made. */
  readonly requestedAt: number
  /** Scheduler time when it was answered or failed. */
  readonly answeredAt: number
  /** What came back. */
  readonly outcome: PollOutcome
  /** What the watch does next, and why. */
  readonly decision: PollDecision
  /**
   * After an answer about a job, when the schedule expects it to finish (see `JobEstimate`: a time
   * and a 10–90 % interval in scheduler time, or no estimate and why), from what it learned; no
   * request is made for it. Absent for errors, ASIN listings, and schedules that do not learn.
   */
  readonly estimate?: JobEstimate
}
