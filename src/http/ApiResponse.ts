/**
 * A successful (2xx) answer whose body parsed as JSON, not yet decoded by a codec.
 *
 * @example
 * ```ts
 * import type { ApiResponse } from './ApiResponse.js'
 * const response: ApiResponse = { status: 200, headers: new Headers(), body: { id: 'job_1' } }
 * ```
 */
export interface ApiResponse {
  /** HTTP status, 200 to 299. */
  readonly status: number
  /** The response headers (rate-limit counters live here). */
  readonly headers: Pick<Headers, 'get'>
  /** The parsed JSON body. */
  readonly body: unknown
}
