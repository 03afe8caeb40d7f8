import { defer, map, throwError, type Observable } from 'rxjs'
import { JobPage } from '../codecs/JobPage.js'
import { Dated, serverDateOf } from '../http/Dated.js'
import { request$ } from '../http/request.js'
import type { TransportConfig } from '../http/TransportConfig.js'
import { secretsOf } from '../http/secretsOf.js'
import { checkJobPage } from './checkJobPage.js'
import { decodeResponse } from './decodeBody.js'
import { ListJobsQuery } from './ListJobsQuery.js'
import { validateInput } from './validateInput.js'

/**
 * `GET /v1/api/jobs?asin=…&page=…&limit=…` as a cold Observable of one {@link JobPage}. The query
 * is checked first: a bad ASIN, page or limit fails with a `ValidationError` and sends nothing.
 * The answer is checked to hold together: another `page` than the one asked for, another `limit`
 * (0 included), more summaries than the limit, or summaries on a page that starts beyond `total`
 * fail with a `DecodeError` naming the field (`page`, `limit`, `data`, `total`).
 *
 * @param config - The transport, as {@link createPixiiClient} builds it.
 * @param query - The `asin`, and optionally the `page` (from 1) and `limit` (1 to 100).
 * @throws In the error channel: a {@link ValidationError} for an invalid query (nothing is sent), or the
 * {@link PixiiError} the request ends with (a {@link DecodeError} for a page that does not hold together).
 *
 * @example
 * ```ts
 * import { asyncScheduler, lastValueFrom } from 'rxjs'
 * import { listJobPage$ } from './listJobPage.js'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * simulator.createJob({ key: simulator.testKey, asin: 'B0CHX1W1XY' })
 * const config = {
 *   baseUrl: simulator.url, apiKey: simulator.testKey, fetch: globalThis.fetch,
 *   scheduler: asyncScheduler, requestTimeoutMs: 5_000, maxBodyBytes: 1_000_000,
 * }
 * const page = await lastValueFrom(listJobPage$(config, { asin: 'B0CHX1W1XY', limit: 10 }))
 * console.log(page.total, page.page, page.limit)
 * await simulator.close()
 * // Output: 1 1 10
 * ```
 */
export function listJobPage$(config: TransportConfig, query: ListJobsQuery): Observable<JobPage> {
  return listDatedJobPage$(config, query).pipe(map((dated) => dated.value))
}

/** {@link listJobPage$} with the answer's `Date` header, for schedules that tell Pixii's clock from the client's. */
export function listDatedJobPage$(config: TransportConfig, query: ListJobsQuery): Observable<Dated<JobPage>> {
  return defer(() => {
    const checked = validateInput(ListJobsQuery, query)
    if (!checked.ok) return throwError(() => checked.error)
    const request = { method: 'GET', path: '/v1/api/jobs', query: checked.value } as const
    const context = { method: 'GET', path: '/v1/api/jobs' }
    const asked = { page: checked.value.page ?? 1, ...(checked.value.limit === undefined ? {} : { limit: checked.value.limit }) }
    const secrets = secretsOf(config)
    return request$(config, request).pipe(
      map((response) => {
        const page = checkJobPage(decodeResponse(JobPage, context, response, secrets), asked, { ...context, status: response.status })
        return new Dated(page, serverDateOf(response.headers))
      }),
    )
  })
}
