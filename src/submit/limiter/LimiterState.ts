/**
 * One window of a submission limiter: a bucket of `limit` tokens. A token spent comes back
 * exactly one window later, as the server's sliding window frees it.
 *
 * @example
 * ```ts
 * import type { LimiterWindowState } from 'pixii-rx/advanced'
 * const show = (w: LimiterWindowState, now: number): string =>
 *   `${w.left}/${w.limit} left${w.nextRefillAt === undefined ? '' : `, next in ${(w.nextRefillAt - now) / 1000} s`}`
 * console.log(show({ limit: 10, left: 0, nextRefillAt: 12_000 }, 0))
 * // Output: 0/10 left, next in 12 s
 * ```
 */
export interface LimiterWindowState {
  /** Tokens in the window: the configured limit, or the server's `X-RateLimit-Limit-*` when lower. */
  readonly limit: number
  /** Tokens left now. A submission in flight holds one; never below 0. */
  readonly left: number
  /** When the next spent token comes back (scheduler time, ms), or `undefined` when none is out. */
  readonly nextRefillAt: number | undefined
}

/**
 * What a submission limiter knows at one instant. It is meant for a UI line such as "next
 * submission in 12 s". All times are milliseconds on the client's scheduler clock, like
 * `scheduler.now()`.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import { type LimiterState } from 'pixii-rx/advanced'
 * const pixii = createPixiiClient({ apiKey: 'pk_test_abc' })
 * const describe = (s: LimiterState): string =>
 *   s.nextSubmissionAt === undefined ? 'waiting for answers' : `next submission in ${Math.ceil((s.nextSubmissionAt - s.at) / 1000)} s`
 * pixii.limiter.state$.subscribe((state) => console.log(describe(state), state.minute.left, state.day.left))
 * // Output: next submission in 0 s 10 500
 * ```
 */
export interface LimiterState {
  /** When this state was taken. */
  readonly at: number
  /** The per-minute window. */
  readonly minute: LimiterWindowState
  /** The per-day window. */
  readonly day: LimiterWindowState
  /** Until when every submission waits because a 429 said `Retry-After`, if one did. */
  readonly pausedUntil: number | undefined
  /**
   * When the next submission can go: the first in the queue, or a new one if none waits. It is
   * `undefined` while that depends on submissions in flight, whose answers free or spend tokens.
   */
  readonly nextSubmissionAt: number | undefined
  /** Submissions waiting for a token. */
  readonly queued: number
  /** Submissions sent and not answered yet. */
  readonly inFlight: number
}
