import type { Observable } from 'rxjs'
import type { SubmissionLimiter } from '../submit/limiter/SubmissionLimiter.js'
import type { RedisLimiterState } from './RedisLimiterState.js'

/**
 * A {@link SubmissionLimiter} whose windows belong to the organisation: every worker that
 * shares its Redis and `organisation` takes tokens from the same two windows, and a 429 or the
 * headers seen by one correct them for all. Give it to a client as its `limiter`.
 *
 * @example
 * ```ts
 * import type { RedisSubmissionLimiter } from 'pixii-rx/redis'
 * const report = (limiter: RedisSubmissionLimiter): string => {
 *   const { redis, day } = limiter.state()
 *   return redis.reachable ? `${day.left} left today` : redis.message ?? ''
 * }
 * ```
 */
export interface RedisSubmissionLimiter extends SubmissionLimiter {
  /** The shared state as Redis last answered, then every change (including other workers'). */
  readonly state$: Observable<RedisLimiterState>
  /** The shared state as Redis last answered, with this worker's queue. */
  state(): RedisLimiterState
  /**
   * Sends what this worker still owes Redis (tokens settled), then closes the connections the
   * limiter opened. A client given as `redis` stays open. Waiting submissions never start.
   */
  close(): Promise<void>
}
