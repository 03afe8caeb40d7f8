/**
 * `pixii-rx/proxy` (Node): a request handler that lets a browser use Pixii through your server,
 * which holds the key, decides which end user may read which job and spend how many
 * submissions, and streams job transitions as Server-Sent Events. This file only re-exports.
 *
 * @example
 * ```ts
 * import { createJobTokens, createPixiiProxy, perUserQuota, type PixiiProxyOptions, type ProxyEvent, type ProxyRoute } from 'pixii-rx/proxy'
 * ```
 * @module pixii-rx/proxy
 */
export { createPixiiProxy, type PixiiProxyHandler } from './createPixiiProxy.js'
export type { PixiiProxyOptions } from './PixiiProxyOptions.js'
export type { ProxyEvent, ProxyOutcome } from './ProxyEvent.js'
export type { ProxyRoute } from './ProxyRoute.js'
export type { AuthorizeHook, ProxyAccess, QuotaVerdict, SubmissionQuotaHook } from './ProxyAccess.js'
export { createJobTokens } from './createJobTokens.js'
export type { JobTokenOptions } from './JobTokenOptions.js'
export type { JobTokenCheck, JobTokenClaims, JobTokenProblem, JobTokens } from './JobTokens.js'
export { perUserQuota, type PerUserQuotaOptions } from './perUserQuota.js'
