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
   * How long a command may wait for Redis's answer before Redis is taken as unreachable (stopped,
   * or cut off by a network partition, with the connection still open): the limiter's `state$`
   * says so and no submission starts; every command still waits, and the run goes on with the
   * first answer. Given to the limiter too.
   *
   * @defaultValue `5_000`
   */
  readonly answerTimeoutMs?: number
  /**
   * The clock of lease renewals and of the answer timeout (a claimed row's lease is renewed every third of it while the
   * worker lives).
   *
   * @defaultValue `asyncScheduler` (rxjs)
   */
  readonly scheduler?: SchedulerLike
}
