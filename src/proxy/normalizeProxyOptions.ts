import type { IncomingMessage } from 'node:http'
import { asyncScheduler, type SchedulerLike } from 'rxjs'
import type { PollSchedule } from '../schedules/PollSchedule.js'
import type { JobTokens } from './JobTokens.js'
import type { AuthorizeHook, SubmissionQuotaHook } from './ProxyAccess.js'
import { isLoopbackHost } from '../http/isLoopbackHost.js'
import { invalidInput } from '../errors/invalidInput.js'
import { checkCallable, checkPositive } from '../errors/optionChecks.js'
import type { ValidationIssue } from '../errors/ValidationError.js'
import type { FetchLike } from '../http/TransportConfig.js'
import { checkAllowedOrigins, type AllowedOrigins } from './checkAllowedOrigins.js'
import type { PixiiProxyOptions } from './PixiiProxyOptions.js'
import type { ProxyEvent } from './ProxyEvent.js'
import { proxyRoutes, type ProxyRoute } from './ProxyRoute.js'
import { shownUrlOption } from '../internal/shownUrlOption.js'

/** `PixiiProxyOptions` checked, with every default applied. */
export interface ProxySettings<Req extends IncomingMessage = IncomingMessage> {
  readonly apiKey: string
  readonly allow: ReadonlySet<ProxyRoute>
  readonly allowedOrigins: AllowedOrigins
  readonly upstream: string
  readonly prefix: string
  readonly fetch: FetchLike
  readonly scheduler: SchedulerLike
  readonly requestTimeoutMs: number
  readonly maxBodyBytes: number
  readonly onRequest: (event: ProxyEvent) => void
  readonly authorize?: AuthorizeHook<Req>
  readonly jobTokens?: JobTokens
  readonly submissionQuota?: SubmissionQuotaHook<Req>
  readonly heartbeatMs: number
  readonly watchSchedule?: PollSchedule
}

/** Settings of a proxy for any request type: what the parts that never call the hooks take. */
export type AnyProxySettings = ProxySettings<never>

const proxyDefaults = { upstream: 'https://api.pixii.ai', prefix: '', requestTimeoutMs: 30_000, maxBodyBytes: 64 * 1024, heartbeatMs: 15_000 } as const

const known: ReadonlySet<string> = new Set([
  'apiKey', 'allow', 'allowedOrigins', 'upstream', 'prefix', 'fetch', 'scheduler', 'requestTimeoutMs', 'maxBodyBytes', 'onRequest',
  'authorize', 'jobTokens', 'submissionQuota', 'heartbeatMs', 'watchSchedule',
])

function checkUpstream(value: unknown, issues: ValidationIssue[]): string {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined
  const plainOk = url?.protocol === 'https:' || (url?.protocol === 'http:' && isLoopbackHost(url.hostname))
  if (url === undefined || !plainOk || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    const message = `expected an https URL without credentials, query or fragment (plain http only to a loopback host), got ${shownUrlOption(value)}`
    issues.push({ path: 'upstream', message })
    return proxyDefaults.upstream
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

function checkAllow(value: unknown, issues: ValidationIssue[]): ReadonlySet<ProxyRoute> {
  const routes = Array.isArray(value) ? (value as unknown[]) : []
  const unknown = routes.filter((route) => !proxyRoutes.includes(route as ProxyRoute))
  if (routes.length === 0 || unknown.length > 0) {
    const got = Array.isArray(value) ? JSON.stringify(value) : typeof value
    issues.push({ path: 'allow', message: `expected a non-empty list of ${proxyRoutes.join(', ')}, got ${got}` })
  }
  return new Set(routes as ProxyRoute[])
}

/**
 * Checks proxy options in one place and applies the defaults. A bad option throws a
 * `ValidationError` whose message names every offending field (never the key itself).
 *
 * @example
 * ```ts
 * import { isPixiiError } from 'pixii-rx'
 * import { normalizeProxyOptions } from './normalizeProxyOptions.js'
 * try {
 *   normalizeProxyOptions({ apiKey: 'pk_live_abc', allow: [] })
 * } catch (error) {
 *   if (isPixiiError(error, 'Validation')) console.log(error.field)
 * }
 * // Output: allow
 * ```
 */
export function normalizeProxyOptions<Req extends IncomingMessage = IncomingMessage>(options: PixiiProxyOptions<Req>): ProxySettings<Req> {
  const given = (typeof options === 'object' && options !== null ? options : {}) as Partial<PixiiProxyOptions<Req>>
  const issues: ValidationIssue[] = []
  for (const name of Object.keys(given)) if (!known.has(name)) issues.push({ path: name, message: 'is not an option of createPixiiProxy' })
  const { apiKey } = given
  if (typeof apiKey !== 'string' || apiKey.length === 0 || apiKey.length > 256 || /[\s\u0000-\u001f\u007f]/u.test(apiKey)) {
    issues.push({ path: 'apiKey', message: 'expected a key of 1 to 256 characters without spaces' })
  }
  const allow = checkAllow(given.allow, issues)
  const allowedOrigins = checkAllowedOrigins(given.allowedOrigins, issues)
  const upstream = checkUpstream(given.upstream ?? proxyDefaults.upstream, issues)
  const prefix = given.prefix ?? proxyDefaults.prefix
  if (typeof prefix !== 'string' || (prefix !== '' && !/^(?:\/[^/?#\s]+)+$/.test(prefix))) {
    issues.push({ path: 'prefix', message: `expected '' or a path such as "/pixii" (no trailing slash), got ${JSON.stringify(String(prefix))}` })
  }
  const requestTimeoutMs = given.requestTimeoutMs ?? proxyDefaults.requestTimeoutMs
  const maxBodyBytes = given.maxBodyBytes ?? proxyDefaults.maxBodyBytes
  checkPositive('requestTimeoutMs', requestTimeoutMs, false, issues)
  checkPositive('maxBodyBytes', maxBodyBytes, true, issues)
  checkCallable(given.fetch, 'fetch', undefined, issues)
  checkCallable(given.scheduler, 'scheduler', 'schedule', issues)
  checkCallable(given.onRequest, 'onRequest', undefined, issues)
  checkCallable(given.authorize, 'authorize', undefined, issues)
  checkCallable(given.submissionQuota, 'submissionQuota', undefined, issues)
  checkCallable(given.jobTokens, 'jobTokens', 'verify', issues)
  checkCallable(given.watchSchedule, 'watchSchedule', 'nextDelayMs', issues)
  const heartbeatMs = given.heartbeatMs ?? proxyDefaults.heartbeatMs
  checkPositive('heartbeatMs', heartbeatMs, false, issues)
  if (issues.length > 0) {
    throw invalidInput('Invalid createPixiiProxy options', issues)
  }
  return {
    apiKey: apiKey as string,
    allow,
    allowedOrigins,
    upstream,
    prefix,
    fetch: given.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    scheduler: given.scheduler ?? asyncScheduler,
    requestTimeoutMs,
    maxBodyBytes,
    onRequest: given.onRequest ?? (() => undefined),
    heartbeatMs,
    ...(given.authorize === undefined ? {} : { authorize: given.authorize }),
    ...(given.jobTokens === undefined ? {} : { jobTokens: given.jobTokens }),
    ...(given.submissionQuota === undefined ? {} : { submissionQuota: given.submissionQuota }),
    ...(given.watchSchedule === undefined ? {} : { watchSchedule: given.watchSchedule }),
  }
}
