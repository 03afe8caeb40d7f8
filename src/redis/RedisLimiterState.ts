import type { LimiterState } from '../submit/limiter/LimiterState.js'

/**
 * Whether the limiter can reach Redis. While it cannot, no submission starts: the organisation's
 * limits are known only there, and a private guess could overrun them.
 *
 * @example
 * ```ts
 * import type { RedisConnection } from 'pixii-rx/redis'
 * const line = (c: RedisConnection): string => (c.reachable ? 'Redis: ok' : `Redis: ${c.message}`)
 * console.log(line({ reachable: false, message: 'unreachable (connect ECONNREFUSED 127.0.0.1:6379): submissions paused', since: 0 }))
 * // Output: Redis: unreachable (connect ECONNREFUSED 127.0.0.1:6379): submissions paused
 * ```
 */
export interface RedisConnection {
  /** True once a command went through, until one fails or the connection drops. */
  readonly reachable: boolean
  /** What went wrong, for a person to read; `undefined` while reachable. Never holds a password. */
  readonly message: string | undefined
  /** Since when (scheduler time, ms) it has been so. */
  readonly since: number
}

/**
 * The state of an organisation's limiter shared through Redis: the windows, pause and next
 * submission are the organisation's (every worker's tokens), as Redis last answered;
 * `inFlight` counts every worker's submissions in flight, `queued` this worker's waiting ones.
 *
 * @example
 * ```ts
 * import type { RedisLimiterState } from 'pixii-rx/redis'
 * const line = (s: RedisLimiterState): string =>
 *   `${s.minute.left}/${s.minute.limit} this minute, ${s.inFlight} in flight, ${s.redis.reachable ? 'shared' : 'paused'}`
 * console.log(line({
 *   at: 0, pausedUntil: undefined, nextSubmissionAt: 0, queued: 0, inFlight: 2,
 *   minute: { limit: 10, left: 3, nextRefillAt: 40_000 }, day: { limit: 500, left: 120, nextRefillAt: 40_000 },
 *   redis: { reachable: true, message: undefined, since: 0 },
 * }))
 * // Output: 3/10 this minute, 2 in flight, shared
 * ```
 */
export interface RedisLimiterState extends LimiterState {
  /** Whether Redis answers. */
  readonly redis: RedisConnection
}
