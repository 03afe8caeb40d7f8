import type { PollEvent } from './PollEvent.js'
import type { PollSchedule } from '../schedules/PollSchedule.js'
import type { RetryPolicy } from '../schedules/RetryPolicy.js'

/**
 * Per-watch settings; each falls back to the client's. Watches of the same job id in one client
 * share one polling loop, run with the options of the watch that started it.
 *
 * @example
 * ```ts
 * import { fixedSchedule, type WatchOptions } from 'pixii-rx'
 * const options: WatchOptions = { schedule: fixedSchedule(5_000), retry: { maxConsecutiveFailures: 12 } }
 * ```
 */
export interface WatchOptions {
  /** When to poll. Default: the client's schedule. */
  readonly schedule?: PollSchedule
  /** How to ride out transient failures. Default: the client's policy. */
  readonly retry?: RetryPolicy
  /**
   * Called after every poll with what came back, why the watch waits, and the schedule's estimate
   * of the end (telemetry, ETA). In `watchJob$` it belongs to each subscriber: every watch of a
   * job hears the shared loop's polls while it is subscribed.
   */
  readonly onPoll?: (event: PollEvent) => void
  /**
   * The overall deadline of this watch, in milliseconds from its own subscription, or `false` for
   * none. When it passes, the watch unsubscribes (aborting its request) and errors with a
   * `TimeoutError` (deadline `total`) whose `job` is the last job seen; the job may still finish on
   * Pixii. Unlike `schedule` and `retry`, it belongs to each subscriber, not to the shared loop:
   * one subscriber's deadline never ends another's watch. In `watchJobs$` it applies to each job
   * (an `error` event); in `watchAsin$` only with `completeWhenIdle`. Default: the client's
   * `watchTimeoutMs` (30 minutes).
   */
  readonly timeoutMs?: number | false
}
