import type { SchedulerLike } from 'rxjs'
import type { FetchLike } from '../http/TransportConfig.js'
import type { SubmissionLimiter } from '../submit/limiter/SubmissionLimiter.js'
import type { SubmissionLimits } from '../submit/limiter/SubmissionLimits.js'
import type { JobPush } from '../watch/JobPush.js'
import type { PageSignals } from '../watch/PageSignals.js'
import type { PollEvent } from '../watch/PollEvent.js'
import type { PollSchedule } from '../schedules/PollSchedule.js'
import type { RetryPolicy } from '../schedules/RetryPolicy.js'
import type { OutcomeLookup } from '../submit/OutcomeLookup.js'

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
   *
   * @defaultValue none (required outside that case)
   */
  readonly apiKey?: string
  /**
   * Where the API lives. Plain `http:` is refused unless the host is loopback (`localhost`,
   * `127.0.0.0/8`, `[::1]`), as for a local simulator. In a browser, a path such as `/pixii`
   * means the page's own origin, over whatever protocol the page uses when no key is sent.
   *
   * @defaultValue `'https://api.pixii.ai'`
   */
  readonly baseUrl?: string
  /**
   * Accept a `pk_live_` key in a browser, where anyone who opens the page can read it. Prefer a
   * server that holds the key (`pixii-rx/proxy`). Ignored outside browsers.
   *
   * @defaultValue `false`
   */
  readonly dangerouslyAllowLiveKeyInBrowser?: boolean
  /**
   * The fetch implementation. Passing cross-fetch itself in Node gives up what `defaultFetch`
   * adds: a connection broken mid-answer is then noticed only at the request timeout.
   *
   * @defaultValue `defaultFetch`: cross-fetch (the platform's own `fetch` in browsers), in Node with keep-alive agents that notice a connection broken mid-answer
   */
  readonly fetch?: FetchLike
  /**
   * The clock and timer source of every timer in the client: pass a virtual one in tests.
   *
   * @defaultValue `asyncScheduler` (rxjs)
   */
  readonly scheduler?: SchedulerLike
  /**
   * How long one request may take, headers and body, in milliseconds.
   *
   * @defaultValue `30_000`
   */
  readonly requestTimeoutMs?: number
  /**
   * The largest response body accepted, in bytes, enforced while reading.
   *
   * @defaultValue `10_485_760` (10 MiB)
   */
  readonly maxBodyBytes?: number
  /**
   * The most requests this client has in flight at once, across every call and watch; the others
   * wait their turn in order.
   *
   * @defaultValue `16`
   */
  readonly maxInFlight?: number
  /**
   * When watches poll.
   *
   * @defaultValue `adaptiveSchedule()`, a new one for each client, which learns how long its jobs take
   */
  readonly schedule?: PollSchedule
  /**
   * How watches ride out transient failures. A field left out keeps its default.
   *
   * @defaultValue `{ maxConsecutiveFailures: 8, maxBackoffMs: 60_000, jitter: 0.5 }` (`defaultRetryPolicy`)
   */
  readonly retry?: RetryPolicy
  /**
   * Called after every poll of every watch of this client (telemetry).
   *
   * @defaultValue none
   */
  readonly onPoll?: (event: PollEvent) => void
  /**
   * Random numbers in [0, 1) for jitter; inject a seeded one for reproducible runs.
   *
   * @defaultValue `Math.random`
   */
  readonly random?: () => number
  /**
   * The client's submission limits, per sliding window: every submission of this client waits
   * for a token of each. The server's `X-RateLimit-Limit-*` headers lower them when they say less.
   *
   * @defaultValue `{ perMinute: 10, perDay: 500 }`, Pixii's limits
   */
  readonly rateLimits?: SubmissionLimits
  /**
   * The limiter every submission of this client waits on, in place of one of its own made from
   * `rateLimits` (give one or the other): a limiter shared by several clients, or the
   * organisation's limiter shared by every worker through Redis (`createRedisLimiter` of
   * `pixii-rx/redis`).
   *
   * @defaultValue none: the client makes its own from `rateLimits`, on its `scheduler`
   */
  readonly limiter?: SubmissionLimiter
  /**
   * How to look for the job of a submission whose answer was lost. A field left out keeps its default.
   *
   * @defaultValue `{ waitMs: 60_000, clockSkewMs: 2_000 }`
   */
  readonly outcomeLookup?: OutcomeLookup
  /**
   * The overall deadline of every watch (`watchJob$`, each job of `watchJobs$`, `run$`, `runMany$`,
   * `watchAsin$` with `completeWhenIdle`), in milliseconds from its subscription; `false` for none.
   * When it passes, the watch ends with a `TimeoutError` (deadline `total`) carrying the last job
   * seen: the job may still finish on Pixii. A live job takes about two minutes, so the default is
   * fifteen times that: long enough for a slow queue and the retry budget's backoffs, short enough
   * that a job stuck `processing` does not hold a process forever. A watch's `timeoutMs` overrides it.
   *
   * @defaultValue `1_800_000` (30 minutes)
   */
  readonly watchTimeoutMs?: number | false
  /**
   * Whether watches make no request while the page is hidden (a background tab), and poll at once
   * when it is shown again, as TanStack Query and SWR do. An offline browser always pauses them
   * until it is back online, then they poll at once. Outside browsers pages are never hidden. A
   * watch's `pauseWhenHidden` overrides it.
   *
   * @defaultValue `true`
   */
  readonly pauseWhenHidden?: boolean
  /**
   * Where watches learn whether the page is shown and the browser online. Read at each use, so
   * a client made on a server (server-side rendering) touches no `document`; pass your own to
   * drive it in tests (`createTestPage` in `pixii-rx/testing`).
   *
   * @defaultValue `browserPage`: `document.visibilityState`, `navigator.onLine` and their events; always shown and online outside browsers
   */
  readonly page?: PageSignals
  /**
   * Watch jobs through a server's push instead of polling: `serverSentEvents` from
   * `pixii-rx/watcher` reads the stream of a `pixii-rx/proxy` (`GET …/jobs/{id}/events`,
   * Server-Sent Events read with `fetch`), so the proxy runs one watch per job for every browser.
   * Pixii itself has no such stream, so this is for a `baseUrl` that is such a proxy. When the
   * proxy does not offer it (a 404 or 405), the client polls, and keeps polling for its later
   * watches; a stream that breaks before the job's end is followed by polling for that watch.
   * Imported only where used, so a bundle without it has no stream reader.
   *
   * @defaultValue none: polling, as against Pixii
   */
  readonly serverPush?: JobPush
}
