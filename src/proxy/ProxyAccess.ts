import type { IncomingMessage } from 'node:http'
import type { JobTokenClaims } from './JobTokens.js'
import type { ProxyRoute } from './ProxyRoute.js'

/**
 * One request the proxy is about to forward, as the `authorize` and `submissionQuota` hooks see
 * it: the framework's own request object (Express's `req` with its `req.user`, Fastify's
 * `request.raw`, a `node:http` request), the route, and what the proxy checked of it.
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from 'node:http'
 * import type { ProxyAccess } from 'pixii-rx/proxy'
 * const access: ProxyAccess = { req: {} as IncomingMessage, route: 'listJobs', asin: 'B0CHX1W1XY' }
 * console.log(access.route, access.asin)
 * // Output: listJobs B0CHX1W1XY
 * ```
 */
export interface ProxyAccess<Req extends IncomingMessage = IncomingMessage> {
  /** The request as the framework handed it to the proxy. */
  readonly req: Req
  readonly route: ProxyRoute
  /** The job of a `getJob` or `watchJob`, checked. */
  readonly jobId?: string
  /** The ASIN of a `listJobs` or a submission, checked. */
  readonly asin?: string
  /** A submission's body, as it passed its codec: exactly what would be sent to Pixii. */
  readonly submission?: unknown
  /** The claims of the job token the request carried, when `jobTokens` is configured and it was accepted. */
  readonly token?: JobTokenClaims
}

/**
 * Decides whether this request may go to Pixii: `true` lets it through, anything else refuses it
 * (403 `FORBIDDEN`, nothing sent upstream). It may be async (a database lookup of who owns the
 * job or the ASIN). A hook that throws or rejects refuses too (500 `PROXY_ERROR`).
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from 'node:http'
 * import type { AuthorizeHook } from 'pixii-rx/proxy'
 * const owners = new Map([['B0CHX1W1XY', 'alice']])
 * const userOf = (req: IncomingMessage) => req.headers['x-user'] // in real code: your session
 * const authorize: AuthorizeHook = ({ req, route, asin }) => route !== 'listJobs' || owners.get(asin ?? '') === userOf(req)
 * console.log(await authorize({ req: { headers: { 'x-user': 'bob' } } as unknown as IncomingMessage, route: 'listJobs', asin: 'B0CHX1W1XY' }))
 * // Output: false
 * ```
 */
export type AuthorizeHook<Req extends IncomingMessage = IncomingMessage> = (access: ProxyAccess<Req>) => boolean | Promise<boolean>

/**
 * A quota's answer for one submission: `true` to let it through (and count it), or how long
 * this user must wait.
 *
 * @example
 * ```ts
 * import type { QuotaVerdict } from 'pixii-rx/proxy'
 * const describe = (verdict: QuotaVerdict): string => (verdict === true ? 'go' : `wait ${verdict.retryAfterMs} ms`)
 * console.log(describe({ retryAfterMs: 42_000 }))
 * // Output: wait 42000 ms
 * ```
 */
export type QuotaVerdict = true | { readonly retryAfterMs: number }

/**
 * Decides whether one end user may spend another submission, called for each submission that
 * passed every other check, just before it is forwarded. `perUserQuota` makes one.
 *
 * @example
 * ```ts
 * import type { SubmissionQuotaHook } from 'pixii-rx/proxy'
 * const closedOnSundays: SubmissionQuotaHook = () => (new Date().getUTCDay() === 0 ? { retryAfterMs: 3_600_000 } : true)
 * ```
 */
export type SubmissionQuotaHook<Req extends IncomingMessage = IncomingMessage> = (access: ProxyAccess<Req>) => QuotaVerdict | Promise<QuotaVerdict>
