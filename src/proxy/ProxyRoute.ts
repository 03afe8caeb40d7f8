/**
 * An endpoint the proxy can forward, named after the client method that calls it. None is
 * forwarded unless listed in `PixiiProxyOptions.allow`.
 *
 * | route | request |
 * | --- | --- |
 * | `getJob` | `GET /v1/api/jobs/{id}` |
 * | `watchJob` | `GET /v1/api/jobs/{id}/events`: the job's transitions as Server-Sent Events (the proxy's own; Pixii has no such endpoint) |
 * | `listJobs` | `GET /v1/api/jobs?asin=…&page=…&limit=…` |
 * | `submitListingBuilder` | `POST /v1/api/listing_builder` |
 * | `submitScale` | `POST /v1/api/scale` |
 * | `submitAPlus` | `POST /v1/api/a_plus` |
 *
 * @example
 * ```ts
 * import type { ProxyRoute } from 'pixii-rx/proxy'
 * const readOnly: readonly ProxyRoute[] = ['getJob', 'listJobs']
 * console.log(readOnly.length)
 * // Output: 2
 * ```
 */
export type ProxyRoute = 'getJob' | 'watchJob' | 'listJobs' | 'submitListingBuilder' | 'submitScale' | 'submitAPlus'

/** Every route, in the order of the table above. */
export const proxyRoutes: readonly ProxyRoute[] = ['getJob', 'watchJob', 'listJobs', 'submitListingBuilder', 'submitScale', 'submitAPlus']

/** The routes that read one job, which a job token opens. */
export const jobReads: ReadonlySet<ProxyRoute> = new Set(['getJob', 'watchJob'])

/** What a request names: a route, a known path with the wrong method, or nothing of Pixii's. */
export type RouteMatch =
  | { readonly kind: 'route'; readonly route: ProxyRoute; readonly jobId?: string }
  | { readonly kind: 'wrong-method'; readonly route: ProxyRoute; readonly allow: 'GET' | 'POST' }
  | { readonly kind: 'unknown' }

const submissions: Readonly<Record<string, ProxyRoute>> = {
  '/v1/api/listing_builder': 'submitListingBuilder',
  '/v1/api/scale': 'submitScale',
  '/v1/api/a_plus': 'submitAPlus',
}

/**
 * Matches a method and a path (without query, prefix removed) to a route. The job id is the raw
 * path segment, not decoded: the caller checks it.
 *
 * @example
 * ```ts
 * import { matchProxyRoute } from './ProxyRoute.js'
 * console.log(JSON.stringify(matchProxyRoute('GET', '/v1/api/jobs/job_1')))
 * console.log(matchProxyRoute('DELETE', '/v1/api/jobs/job_1').kind, matchProxyRoute('GET', '/admin').kind)
 * console.log(matchProxyRoute('GET', '/v1/api/jobs/job_1/events'))
 * // Output: {"kind":"route","route":"getJob","jobId":"job_1"}
 * // Output: wrong-method unknown
 * // Output: { kind: 'route', route: 'watchJob', jobId: 'job_1' }
 * ```
 */
export function matchProxyRoute(method: string, path: string): RouteMatch {
  const [, jobId, events] = /^\/v1\/api\/jobs\/([^/]+)(\/events)?$/.exec(path) ?? []
  const route = path === '/v1/api/jobs' ? 'listJobs' : jobId !== undefined ? (events === undefined ? 'getJob' : 'watchJob') : submissions[path]
  if (route === undefined) return { kind: 'unknown' }
  const allow = route === 'getJob' || route === 'watchJob' || route === 'listJobs' ? 'GET' : 'POST'
  if (method !== allow) return { kind: 'wrong-method', route, allow }
  return jobId === undefined ? { kind: 'route', route } : { kind: 'route', route, jobId }
}
