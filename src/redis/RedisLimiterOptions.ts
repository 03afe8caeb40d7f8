import type { SchedulerLike } from 'rxjs'
import type { Redis } from 'ioredis'
import type { SubmissionLimits } from '../submit/limiter/SubmissionLimits.js'

/**
 * How to build an organisation's limiter on Redis. `redis` and `organisation` are required.
 *
 * @example
 * ```ts
 * import type { RedisLimiterOptions } from 'pixii-rx/redis'
 * const options: RedisLimiterOptions = { redis: 'redis://127.0.0.1:6379', organisation: 'acme', limits: { perMinute: 10, perDay: 500 } }
 * console.log(options.organisation)
 * // Output: acme
 * ```
 */
export interface RedisLimiterOptions {
  /**
   * A `redis://` or `rediss://` URL (the limiter opens and closes its own connections), or an
   * ioredis client you own (keep `maxRetriesPerRequest: null` on it, so that commands wait
   * through an outage rather than fail).
   */
  readonly redis: string | Redis
  /**
   * Names the shared state: every worker of one organisation (one API key) gives the same name,
   * and two organisations never share one. Letters, digits, `.`, `_` and `-`.
   */
  readonly organisation: string
  /**
   * Submissions per window, as for a client. Every worker should give the same; the server's
   * `X-RateLimit-Limit-*` headers lower them for all when they say less.
   *
   * @defaultValue `{ perMinute: 10, perDay: 500 }`
   */
  readonly limits?: SubmissionLimits
  /**
   * The windows' lengths, in ms. Change them only to run a scaled simulation.
   *
   * @defaultValue `{ minuteMs: 60_000, dayMs: 86_400_000 }`
   */
  readonly windows?: { readonly minuteMs?: number; readonly dayMs?: number }
  /**
   * How long a token may be out with a submission before the organisation takes it back: the
   * lease that frees the tokens of a worker killed in flight. Longer than any POST takes.
   *
   * @defaultValue `300_000` (5 minutes)
   */
  readonly holdMs?: number
  /**
   * How long a command may wait for Redis's answer before Redis is taken as unreachable (a
   * server stopped or cut off by a network partition keeps the connection open, and TCP would
   * notice only minutes later): `state$` then says so, no submission starts, and the command
   * still waits; the first answer resumes the queue. Above the slowest answer Redis gives.
   *
   * @defaultValue `5_000`
   */
  readonly answerTimeoutMs?: number
  /**
   * The clock of the windows and the timer of the queue. Workers on several machines need clocks
   * kept in step (NTP): a skew of `s` ms lets a token come back up to `s` ms early.
   *
   * @defaultValue `asyncScheduler` (rxjs)
   */
  readonly scheduler?: SchedulerLike
}
