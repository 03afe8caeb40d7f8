import type { Job } from '../codecs/Job.js'
import type { KeyKind } from '../http/KeyKind.js'
import type { JobEstimate } from './JobEstimate.js'

/**
 * When the answer a schedule is reading was asked for and came back (scheduler time), and the
 * server's own time on it (its `Date` header, ms since the epoch, whole seconds), so that a
 * schedule can tell the server's clock from the client's.
 *
 * @example
 * ```ts
 * import type { AnswerTiming } from 'pixii-rx/advanced'
 * const answer: AnswerTiming = { requestedAt: 1_000, answeredAt: 1_040, serverDate: Date.parse('Mon, 07 Dec 2026 02:40:31 GMT') }
 * // The server wrote it between 1 000 and 1 040 on the client's clock, at 02:40:31 or up to a second later on its own.
 * console.log(answer.serverDate !== undefined && answer.serverDate - answer.answeredAt > 0)
 * // Output: true
 * ```
 */
export interface AnswerTiming {
  /** Scheduler time when the request was made. */
  readonly requestedAt: number
  /** Scheduler time when the answer was read. */
  readonly answeredAt: number
  /** The answer's `Date` header in ms since the epoch, when it had a valid one. */
  readonly serverDate: number | undefined
}

/**
 * What a {@link PollSchedule} may look at to decide the next wait.
 *
 * @example
 * ```ts
 * import type { PollContext, PollSchedule } from 'pixii-rx'
 * // Every second for the first minute, then every ten seconds.
 * const patient: PollSchedule = {
 *   name: 'patient',
 *   nextDelayMs: (context: PollContext) => (context.elapsedMs < 60_000 ? 1_000 : 10_000),
 * }
 * ```
 */
export interface PollContext {
  /** Polls answered so far in this watch (1 after the first answer). */
  readonly attempt: number
  /** Milliseconds since the watch started, on the client's scheduler. */
  readonly elapsedMs: number
  /** The last job emitted, if any. */
  readonly job: Job | undefined
  /** What the key says: `test` jobs finish in under a second. */
  readonly keyKind: KeyKind
  /** The scheduler's time now, in milliseconds since the epoch (comparable with job timestamps). */
  readonly now: number
  /** The last answer read in this watch, when there is one: its timing and `Date` header. */
  readonly answer?: AnswerTiming
}

/**
 * When to poll next: a value, not a loop. `nextDelayMs` is asked after every answer; backoff
 * after failures starts from it, and `Retry-After` overrides it.
 *
 * @example
 * ```ts
 * import type { PollSchedule } from 'pixii-rx'
 * // Poll every second while queued, every 3 s while processing.
 * const byStatus: PollSchedule = {
 *   name: 'by status',
 *   nextDelayMs: ({ job }) => (job?.status === 'pending' ? 1_000 : 3_000),
 * }
 * console.log(byStatus.nextDelayMs({ attempt: 1, elapsedMs: 0, job: undefined, keyKind: 'live', now: 0 }))
 * // Output: 3000
 * ```
 */
export interface PollSchedule {
  /** A name for telemetry and logs. */
  readonly name: string
  /** Milliseconds to wait before the next poll. */
  nextDelayMs(context: PollContext): number
  /** Sees every job a watch receives, with the watch's context, so that a schedule can learn how long jobs take. */
  observe?(job: Job, context: PollContext): void
  /**
   * Sees the timing of an answer that carried no job of the watch's own (a tick of an ASIN's
   * listing: its `Date` header in `context.answer`), so that a schedule that estimates Pixii's
   * clock reads every answer the client gets.
   */
  observeAnswer?(context: PollContext): void
  /**
   * When the job in `context` will likely finish, from what the schedule has learned; asked after
   * every answer about a job, and reported on the `onPoll` event. Schedules that do not learn leave it out.
   */
  estimate?(context: PollContext): JobEstimate
  /**
   * Pixii's clock minus the client's scheduler clock, in ms, as estimated from the answers a
   * schedule reads; the client reads a `Retry-After` date on Pixii's clock with it when the
   * answer has no `Date` header. Schedules that do not read clocks leave it out.
   */
  clockOffsetMs?(): number
}
