import type { PixiiError } from './PixiiError.js'

/**
 * A one-line description for logs, as `Error.prototype.toString` would start it (`name: message`),
 * then the request it concerns and whether it is retryable.
 *
 * @param error - Any {@link PixiiError}.
 * @throws Never.
 *
 * @example
 * ```ts
 * import { describePixiiError, ServerError } from 'pixii-rx'
 * const error = new ServerError({ message: 'Service unavailable', context: { method: 'GET', path: '/v1/api/jobs/job_1', status: 503 } })
 * console.log(describePixiiError(error))
 * // Output: ServerError: Service unavailable (GET /v1/api/jobs/job_1 → 503, retryable)
 * ```
 */
export function describePixiiError(error: PixiiError): string {
  const { method, path, status } = error.context
  const request = [method, path].filter(Boolean).join(' ')
  const where = [request, status === undefined ? '' : `→ ${status}`].filter(Boolean).join(' ')
  const details = [where, error.retryable ? 'retryable' : 'not retryable'].filter(Boolean).join(', ')
  return `${error.name}: ${error.message} (${details})`
}
