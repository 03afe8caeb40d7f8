import type { IncomingMessage } from 'node:http'
import type { SchedulerLike } from 'rxjs'
import type { FetchLike } from '../http/TransportConfig.js'
import type { PollSchedule } from '../schedules/PollSchedule.js'
import type { JobTokens } from './JobTokens.js'
import type { AuthorizeHook, SubmissionQuotaHook } from './ProxyAccess.js'
import type { ProxyEvent } from './ProxyEvent.js'
import type { ProxyRoute } from './ProxyRoute.js'

/**
 * How to build a proxy. `apiKey` and `allow` are required; nothing is forwarded unless allowed.
 *
 * @example
 * ```ts
 * import { createPixiiProxy, type PixiiProxyOptions } from 'pixii-rx/proxy'
 * const options: PixiiProxyOptions = {
 *   apiKey: 'pk_live_abc', // in real code: process.env.PIXII_API_KEY
 *   allow: ['getJob', 'listJobs', 'submitListingBuilder'],
 *   allowedOrigins: ['same-origin', 'https://admin.example'],
 *   prefix: '/pixii',
 * }
 * console.log(typeof createPixiiProxy(options))
 * // Output: function
 * ```
 */
export interface PixiiProxyOptions<Req extends IncomingMessage = IncomingMessage> {
  /** The server's key, added to every forwarded request as a bearer header. Never sent to the browser. */
  readonly apiKey: string
  /** The routes to forward, each named explicitly; at least one. Everything else is refused. */
  readonly allow: readonly ProxyRoute[]
  /**
   * The pages that may use the proxy, by origin: `'same-origin'` (a page whose `Origin` names the
   * `Host` it sent the request to) and origins such as `'https://app.example'`. Default
   * `['same-origin']`. A request with any other `Origin`, or one a browser marks `Sec-Fetch-Site:
   * cross-site` or `same-site` without an `Origin`, is refused (403 `FORBIDDEN_ORIGIN`) before
   * its body is read. Requests without `Origin` (servers, scripts) are served. List your site's
   * origin when a reverse proxy in front changes `Host`; listing it alone (without
   * `'same-origin'`) also keeps out a DNS-rebinding page, which `Host` cannot tell apart. The
   * proxy sends no CORS headers: a page of another origin needs CORS middleware in front as well.
   */
  readonly allowedOrigins?: readonly string[]
  /** Where Pixii lives. Default `https://api.pixii.ai`; plain http only to a loopback host. */
  readonly upstream?: string
  /**
   * The path the proxy is mounted at when it sees whole URLs, as under `node:http` or Fastify
   * (`/pixii` serves `/pixii/v1/api/jobs/…`). Default `''`. Under Express's `app.use('/pixii',
   * proxy)` leave it out: Express strips the mount path itself.
   */
  readonly prefix?: string
  /** The fetch used to reach Pixii. Default: Node's global `fetch`. */
  readonly fetch?: FetchLike
  /** The clock and timer source of the upstream timeout. Default: rxjs `asyncScheduler`. */
  readonly scheduler?: SchedulerLike
  /** How long Pixii may take to answer one request, in milliseconds. Default 30 000; then 504. */
  readonly requestTimeoutMs?: number
  /** The largest submission body accepted from the browser, in bytes. Default 65 536; then 413. */
  readonly maxBodyBytes?: number
  /** Called once for every request that reached the proxy, when it is over (a log, metrics). */
  readonly onRequest?: (event: ProxyEvent) => void
  /**
   * Decides, for every request that passed the proxy's own checks, whether this end user may use
   * this route for this job, ASIN or submission; sync or async, with the framework's request in
   * hand. Anything but `true` is a 403 `FORBIDDEN`, and nothing goes to Pixii. Default: every
   * request that passed the other checks is served.
   */
  readonly authorize?: AuthorizeHook<Req>
  /**
   * Job tokens (`createJobTokens`). When set, `getJob` and `watchJob` need a token for exactly that
   * job, in the `X-Pixii-Job-Token` header or the `token` query parameter (for `EventSource`, which
   * sends no headers): none is a 401 `UNAUTHORIZED`, a tampered, expired or other job's token a 403
   * `FORBIDDEN`. An accepted submission's answer carries a token for its job in
   * `X-Pixii-Job-Token`. Other routes are not opened by a token: guard them with `authorize`.
   */
  readonly jobTokens?: JobTokens
  /**
   * Called for each submission that passed every other check, before it is forwarded: `true`
   * lets it through, `{ retryAfterMs }` refuses it with 429 `USER_QUOTA_EXCEEDED` and
   * `Retry-After`. `perUserQuota` makes one. Default: none (Pixii's organisation limits only).
   */
  readonly submissionQuota?: SubmissionQuotaHook<Req>
  /**
   * How often the `watchJob` stream sends a comment line when it has nothing else to send, in
   * milliseconds, so that idle connections are not cut by proxies in between. Default 15 000.
   */
  readonly heartbeatMs?: number
  /**
   * When the proxy polls Pixii for the jobs it streams (one loop per job, shared by every
   * connection). Default: the client's `adaptiveSchedule()`.
   */
  readonly watchSchedule?: PollSchedule
}
