import type { SchedulerLike } from 'rxjs'
import type { FetchLike } from '../http/TransportConfig.js'
import type { PollEvent } from '../watch/PollEvent.js'
import type { PollSchedule } from '../watch/PollSchedule.js'
import type { RetryPolicy } from '../watch/RetryPolicy.js'

/**
 * How to build a client. Only `apiKey` is required; every other field has a default.
 *
 * @example
 * ```ts
 * import { createPixiiClient, type PixiiClientOptions } from 'pixii-rx'
 * const options: PixiiClientOptions = { apiKey: 'pk_test_abc', requestTimeoutMs: 10_000 }
 * const pixii = createPixiiClient(options)
 * console.log(pixii.keyKind)
 * // Output: test
 * ```
 */
export interface PixiiClientOptions {
  /** The organisation's key, `pk_live_…` or `pk_test_…`. Sent only as a bearer header. */
  readonly apiKey: string
  /**
   * Where the API lives. Default `https://api.pixii.ai`. Plain `http:` is refused unless the
   * host is loopback (`localhost`, `127.0.0.0/8`, `[::1]`), as for a local simulator.
   */
  readonly baseUrl?: string
  /** The fetch implementation. Default: cross-fetch (the platform's fetch in browsers). */
  readonly fetch?: FetchLike
  /** The clock and timer source of every timer in the client. Default: rxjs `asyncScheduler`. */
  readonly scheduler?: SchedulerLike
  /** How long one request may take, headers and body, in milliseconds. Default 30 000. */
  readonly requestTimeoutMs?: number
  /** The largest response body accepted, in bytes, enforced while reading. Default 10 MiB. */
  readonly maxBodyBytes?: number
  /**
   * The most requests this client has in flight at once, across every call and watch; the others
   * wait their turn in order. Default 16.
   */
  readonly maxInFlight?: number
  /** When watches poll. Default: `defaultSchedule` (250 ms doubling to 5 s). */
  readonly schedule?: PollSchedule
  /** How watches ride out transient failures. Default: `defaultRetryPolicy` (8 in a row). */
  readonly retry?: RetryPolicy
  /** Called after every poll of every watch of this client (telemetry). */
  readonly onPoll?: (event: PollEvent) => void
  /** Random numbers in [0, 1) for jitter; inject a seeded one for reproducible runs. Default `Math.random`. */
  readonly random?: () => number
}
