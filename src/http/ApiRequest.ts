/**
 * One call to the Pixii API, before the transport turns it into an HTTP request.
 *
 * @example
 * ```ts
 * import type { ApiRequest } from './ApiRequest.js'
 * const request: ApiRequest = { method: 'GET', path: '/v1/api/jobs', query: { asin: 'B0CHX1W1XY', page: 2 } }
 * ```
 */
export interface ApiRequest {
  /** HTTP method. */
  readonly method: 'GET' | 'POST'
  /** Path from the base URL, starting with `/`, segments already encoded. */
  readonly path: string
  /** Query parameters; `undefined` values are left out. */
  readonly query?: Readonly<Record<string, string | number | undefined>>
  /** JSON body, for `POST`. */
  readonly body?: unknown
  /** The job this request is about, for error context. */
  readonly jobId?: string
}
