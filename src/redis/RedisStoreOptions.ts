import type { SchedulerLike } from 'rxjs'
import type { Redis } from 'ioredis'

/**
 * How to build a catalogue store on Redis. `redis` and `catalogue` are required.
 *
 * @example
 * ```ts
 * import type { RedisStoreOptions } from 'pixii-rx/redis'
 * const options: RedisStoreOptions = { redis: 'redis://127.0.0.1:6379', catalogue: 'spring-2027', organisation: 'acme' }
 * console.log(options.catalogue)
 * // Output: spring-2027
 * ```
 */
export interface RedisStoreOptions {
  /** A `redis://` or `rediss://` URL (the store opens and closes its connections), or an ioredis client you own. */
  readonly redis: string | Redis
  /** Names the catalogue every worker runs together. Letters, digits, `.`, `_` and `-`. */
  readonly catalogue: string
  /**
   * Names the organisation whose limiter the store's runs share (`createRedisLimiter`): every
   * catalogue of one API key should give the same.
   *
   * @defaultValue the `catalogue` name
   */
  readonly organisation?: string
  /**
   * The limiter's windows, in ms: only to run a scaled simulation.
   *
   * @defaultValue `{ minuteMs: 60_000, dayMs: 86_400_000 }`
   */
  readonly windows?: { readonly minuteMs?: number; readonly dayMs?: number }
  /**
   * The clock of lease renewals (a claimed row's lease is renewed every third of it while the
   * worker lives).
   *
   * @defaultValue `asyncScheduler` (rxjs)
   */
  readonly scheduler?: SchedulerLike
}
