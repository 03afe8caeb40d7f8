import type { ProxyRoute } from './ProxyRoute.js'

/**
 * What became of one request: forwarded to Pixii and its answer relayed (whatever its status),
 * refused by the proxy, passed on to the framework's next handler (not a Pixii path), failed
 * upstream (Pixii unreachable or too slow, or an answer the proxy withheld and replaced with its
 * own: an HTML error page, a body holding the key, a redirect), or abandoned by the browser
 * before the answer.
 *
 * @example
 * ```ts
 * import type { ProxyOutcome } from 'pixii-rx/proxy'
 * const worthAnAlert = (outcome: ProxyOutcome): boolean => outcome === 'upstream-failed'
 * ```
 */
export type ProxyOutcome = 'forwarded' | 'refused' | 'passed-on' | 'upstream-failed' | 'client-gone'

/**
 * One request that reached the proxy, reported to `onRequest` once it is over.
 *
 * @example
 * ```ts
 * import type { ProxyEvent } from 'pixii-rx/proxy'
 * const event: ProxyEvent = {
 *   seq: 1, receivedAt: 0, ms: 4, method: 'GET', path: '/v1/api/jobs/job_1',
 *   route: 'getJob', jobId: 'job_1', outcome: 'forwarded', status: 200,
 * }
 * console.log(`${event.seq} ${event.method} ${event.path} ${event.outcome} ${event.status}`)
 * // Output: 1 GET /v1/api/jobs/job_1 forwarded 200
 * ```
 */
export interface ProxyEvent {
  /** 1, 2, 3… in order of arrival at this proxy. */
  readonly seq: number
  /** When it arrived, on the proxy's scheduler's clock. */
  readonly receivedAt: number
  /** How long it took until it was over, in milliseconds. */
  readonly ms: number
  readonly method: string
  /** The path as received, without the query. */
  readonly path: string
  /** The route it named, if any. */
  readonly route?: ProxyRoute
  /** The job id of a `getJob` or `watchJob`, once checked. */
  readonly jobId?: string
  readonly outcome: ProxyOutcome
  /** The status sent to the browser; absent when passed on or when the browser went away. */
  readonly status?: number
}
