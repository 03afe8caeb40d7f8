import type { ConnectionState } from './ConnectionState.js'
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
   * Called at subscription with where the watch stands with the network, then at each change:
   * `online`, `reconnecting` (a transient failure, retried), `offline` or `hidden` (no request
   * until the page is online and shown again). Unlike `onPoll`, every subscriber of a shared
   * loop gets it. `watchJob$` and `run$` only.
   */
  readonly onConnection?: (state: ConnectionState) => void
  /**
   * Whether the watch makes no request while the page is hidden (in a browser), polling at once
   * when it is shown again. An offline browser always pauses the watch. Default: the client's
   * `pauseWhenHidden` (true).
   */
  readonly pauseWhenHidden?: boolean
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
  /**
   * A job token (issued by your server with `pixii-rx/proxy`'s `createJobTokens`) sent with every
   * request of this watch, for a proxy that lets a browser read a job only with its token. The
   * watches of one job share one loop: the token of the watch that started it is used.
   */
  readonly token?: string
}
