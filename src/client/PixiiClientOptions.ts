import type { SchedulerLike } from 'rxjs'
import type { FetchLike } from '../http/TransportConfig.js'
import type { SubmissionLimits } from '../limiter/SubmissionLimits.js'
import type { PollEvent } from '../watch/PollEvent.js'
import type { PollSchedule } from '../watch/PollSchedule.js'
import type { RetryPolicy } from '../watch/RetryPolicy.js'
import type { OutcomeLookup } from './OutcomeLookup.js'

/**
 * How to build a client. Only `apiKey` is required (except in a browser talking to its own
 * origin); every other field has a default.
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
  /**
   * The organisation's key, `pk_live_…` or `pk_test_…`. Sent only as a bearer header. Required,
   * except in a browser whose `baseUrl` has the page's own origin (a proxy there adds the key).
   * In a browser a `pk_live_` key is refused unless `dangerouslyAllowLiveKeyInBrowser` is true.
   */
  readonly apiKey?: string
  /**
   * Where the API lives. Default `https://api.pixii.ai`. Plain `http:` is refused unless the
   * host is loopback (`localhost`, `127.0.0.0/8`, `[::1]`), as for a local simulator. In a
   * browser, a path such as `/pixii` means the page's own origin, over whatever protocol the
   * page uses when no key is sent.
   */
  readonly baseUrl?: string
  /**
   * Accept a `pk_live_` key in a browser, where anyone who opens the page can read it. Default
   * false. Prefer a server that holds the key (`pixii-rx/proxy`). Ignored outside browsers.
   */
  readonly dangerouslyAllowLiveKeyInBrowser?: boolean
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
  /** When watches poll. Default: a new `adaptiveSchedule()` for this client, which learns how long its jobs take. */
  readonly schedule?: PollSchedule
  /** How watches ride out transient failures. Default: `defaultRetryPolicy` (8 in a row). */
  readonly retry?: RetryPolicy
  /** Called after every poll of every watch of this client (telemetry). */
  readonly onPoll?: (event: PollEvent) => void
  /** Random numbers in [0, 1) for jitter; inject a seeded one for reproducible runs. Default `Math.random`. */
  readonly random?: () => number
  /**
   * The client's submission limits, per sliding window: every submission of this client waits
   * for a token of each. Default `{ perMinute: 10, perDay: 500 }`, Pixii's limits.
   */
  readonly rateLimits?: SubmissionLimits
  /** How to look for the job of a submission whose answer was lost. Default `{ waitMs: 60_000, clockSkewMs: 2_000 }`. */
  readonly outcomeLookup?: OutcomeLookup
}
