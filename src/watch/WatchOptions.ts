import type { PollEvent } from './PollEvent.js'
import type { PollSchedule } from './PollSchedule.js'
import type { RetryPolicy } from './RetryPolicy.js'

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
  /** Called after every poll with what came back and why the watch waits (telemetry). */
  readonly onPoll?: (event: PollEvent) => void
}
