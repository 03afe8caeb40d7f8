import type * as t from 'io-ts'
import { defer, map, throwError, type Observable } from 'rxjs'
import { JobAccepted } from '../codecs/JobAccepted.js'
import type { ApiResponse } from '../http/ApiResponse.js'
import { request$ } from '../http/request.js'
import { secretsOf } from '../http/secretsOf.js'
import type { TransportConfig } from '../http/TransportConfig.js'
import { decodeResponse } from './decodeBody.js'
import { validateInput } from './validateInput.js'

/**
 * The three submission endpoints.
 *
 * @example
 * ```ts
 * import type { SubmissionPath } from './submit.js'
 * const scale: SubmissionPath = '/v1/api/scale'
 * ```
 */
export type SubmissionPath = '/v1/api/listing_builder' | '/v1/api/scale' | '/v1/api/a_plus'

/**
 * An accepted submission, with the response headers (rate-limit counters).
 *
 * @example
 * ```ts
 * import type { Submitted } from './submit.js'
 * const remaining = ({ accepted, headers }: Submitted): string => `${accepted.job_id}: ${headers.get('X-RateLimit-Remaining-Minute') ?? '?'} left this minute`
 * ```
 */
export interface Submitted {
  /** The decoded answer: persist `job_id` first. */
  readonly accepted: JobAccepted
  /** The answer's headers, such as `X-RateLimit-Remaining-Minute`. */
  readonly headers: ApiResponse['headers']
}

/**
 * Sends one submission after checking it with its codec: an invalid request fails with a
 * `ValidationError` naming the field and sends nothing. Never retried here: a POST that may have
 * reached the server is not re-sent blindly.
 *
 * @param config - The transport, as {@link createPixiiClient} builds it.
 * @param path - The endpoint.
 * @param codec - The codec of the request body.
 * @param request - The body.
 * @throws In the error channel: a {@link ValidationError} for an invalid request (nothing is sent), or the
 * {@link PixiiError} the request ends with; a {@link DecodeError} of the answer carries the job id when it
 * can be read.
 *
 * @example
 * ```ts
 * import { asyncScheduler, lastValueFrom } from 'rxjs'
 * import { ListingBuilderRequest } from 'pixii-rx/advanced'
 * import { submit$ } from './submit.js'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * const config = {
 *   baseUrl: simulator.url, apiKey: simulator.testKey, fetch: globalThis.fetch,
 *   scheduler: asyncScheduler, requestTimeoutMs: 5_000, maxBodyBytes: 1_000_000,
 * }
 * const request: ListingBuilderRequest = { asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' }
 * const { accepted } = await lastValueFrom(submit$(config, '/v1/api/listing_builder', ListingBuilderRequest, request))
 * console.log(accepted.status, accepted.job_type)
 * await simulator.close()
 * // Output: pending Listing Builder
 * ```
 */
export function submit$<A>(
  config: TransportConfig,
  path: SubmissionPath,
  codec: t.Decoder<unknown, A>,
  request: A,
): Observable<Submitted> {
  return defer(() => {
    const checked = validateInput(codec, request)
    if (!checked.ok) return throwError(() => checked.error)
    return request$(config, { method: 'POST', path, body: checked.value }).pipe(
      map((response) => ({ accepted: decodeAccepted(path, response, secretsOf(config)), headers: response.headers })),
    )
  })
}

/**
 * A 2xx answer means the job exists and is paid for: when its body does not decode, the error
 * still carries the job id if the body holds one, so that the job is never lost.
 */
function decodeAccepted(path: SubmissionPath, response: ApiResponse, secrets: readonly string[]): JobAccepted {
  const body = response.body as { job_id?: unknown } | null
  const jobId = typeof body?.job_id === 'string' ? body.job_id : undefined
  return decodeResponse(JobAccepted, { method: 'POST', path, ...(jobId === undefined ? {} : { jobId }) }, response, secrets)
}
