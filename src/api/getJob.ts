import { defer, map, throwError, type Observable } from 'rxjs'
import { Job } from '../codecs/Job.js'
import { JobId } from '../codecs/primitives.js'
import { Dated, serverDateOf } from '../http/Dated.js'
import { request$ } from '../http/request.js'
import { secretsOf } from '../http/secretsOf.js'
import type { TransportConfig } from '../http/TransportConfig.js'
import { checkJobId } from './checkJobId.js'
import { decodeResponse } from './decodeBody.js'
import { validateInput } from './validateInput.js'

/**
 * `GET /v1/api/jobs/{id}` as a cold Observable of one decoded {@link Job}. An id that could not
 * name a job (empty, over 128 characters, holding `/`, `?`, `#`, `%`, whitespace or control
 * characters) fails with a `ValidationError` and sends nothing. An answer about another job (its
 * `id` is not `id`) fails with a `DecodeError` whose issue has the path `id`: it is never emitted,
 * and not retried.
 *
 * @param config - The transport, as {@link createPixiiClient} builds it (a client's own `getJob$` needs none).
 * @param id - The job id.
 * @throws In the error channel: a {@link ValidationError} for an invalid id (nothing is sent), or the
 * {@link PixiiError} the request ends with (`Unauthorized`, `JobNotFound`, `RateLimited`, `ServerError`,
 * `NetworkError`, `Timeout`, `DecodeError`, also for an answer about another job).
 *
 * @example
 * ```ts
 * import { asyncScheduler, lastValueFrom } from 'rxjs'
 * import { getJob$ } from './getJob.js'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * const id = simulator.createJob({ key: simulator.testKey, queuedMs: 60_000 })
 * const config = {
 *   baseUrl: simulator.url, apiKey: simulator.testKey, fetch: globalThis.fetch,
 *   scheduler: asyncScheduler, requestTimeoutMs: 5_000, maxBodyBytes: 1_000_000,
 * }
 * const job = await lastValueFrom(getJob$(config, id))
 * console.log(job.id === id, job.status)
 * await simulator.close()
 * // Output: true pending
 * ```
 */
export function getJob$(config: TransportConfig, id: string): Observable<Job> {
  return getDatedJob$(config, id).pipe(map((answer) => answer.value))
}

/** {@link getJob$} with the answer's `Date` header, for schedules that tell Pixii's clock from the client's. */
export function getDatedJob$(config: TransportConfig, id: string): Observable<Dated<Job>> {
  return defer(() => {
    const checked = validateInput(JobId, id, 'jobId')
    if (!checked.ok) return throwError(() => checked.error)
    const path = `/v1/api/jobs/${encodeURIComponent(id)}`
    const context = { method: 'GET', path, jobId: id }
    const secrets = secretsOf(config)
    return request$(config, { method: 'GET', path, jobId: id }).pipe(
      map((response) => {
        const job = checkJobId(decodeResponse(Job, context, response, secrets), id, { ...context, status: response.status }, secrets)
        return new Dated(job, serverDateOf(response.headers))
      }),
    )
  })
}
