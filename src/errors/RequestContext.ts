/**
 * Where an error happened: the request that was made (never its headers, so never the key) and
 * what the server said of it.
 *
 * @example
 * ```ts
 * import type { RequestContext } from 'pixii-rx/advanced'
 * const context: RequestContext = { method: 'GET', path: '/v1/api/jobs/job_1', status: 404, jobId: 'job_1' }
 * ```
 */
export interface RequestContext {
  /** HTTP method, such as `GET`. */
  readonly method?: string
  /** Path and query of the request, without the host and without any secret. */
  readonly path?: string
  /** HTTP status of the answer, when there was one. */
  readonly status?: number
  /** The job the request was about, when it was about one. */
  readonly jobId?: string
  /** The `code` field of the server's error body, when it sent one. */
  readonly serverCode?: string
}
