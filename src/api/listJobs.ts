import { concat, defer, EMPTY, from, identity, mergeMap, type Observable } from 'rxjs'
import type { JobPage } from '../codecs/JobPage.js'
import type { JobSummary } from '../codecs/JobSummary.js'
import type { TransportConfig } from '../http/TransportConfig.js'
import { listJobPage$ } from './listJobPage.js'

/**
 * Options of {@link listJobs$}.
 *
 * @example
 * ```ts
 * import { createPixiiClient, type ListJobsOptions } from 'pixii-rx'
 * const pixii = createPixiiClient({ apiKey: 'pk_test_abc' })
 * const options: ListJobsOptions = { limit: 100 }
 * const summaries$ = pixii.listJobs$('B0CHX1W1XY', options) // nothing is requested until subscribed
 * ```
 */
export interface ListJobsOptions {
  /** Summaries per page request, 1 to 100. Default 20. */
  readonly limit?: number
  /**
   * Wraps the request of each page after the first, so that it is made only when this says so.
   * Pass `toReadable`'s `demand.ready` (from `pixii-rx/node`) to fetch the next page only when a
   * slow reader has caught up. Default: the next page is requested as soon as the previous one
   * has been emitted.
   */
  readonly pace?: <T>(nextPage$: Observable<T>) => Observable<T>
}

function hasMore(page: JobPage): boolean {
  return page.data.length > 0 && page.page * page.limit < page.total
}

/**
 * Every job of an ASIN, newest first, as a stream of {@link JobSummary}. Pages are fetched one
 * at a time and only when the previous page has been consumed: `take(5)` makes one request, and
 * unsubscribing stops the paging.
 *
 * @param config - The transport, as {@link createPixiiClient} builds it.
 * @param asin - The ASIN whose jobs to list.
 * @param options - The page size (`limit`) and `pace`.
 * @throws In the error channel: a {@link ValidationError} for an invalid ASIN or limit (nothing is sent), or
 * the {@link PixiiError} a page request ends with; the summaries of earlier pages have been emitted.
 *
 * @example
 * ```ts
 * import { asyncScheduler, lastValueFrom, toArray } from 'rxjs'
 * import { listJobs$ } from 'pixii-rx'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * for (let n = 0; n < 5; n += 1) simulator.createJob({ key: simulator.testKey, asin: 'B0CHX1W1XY' })
 * const config = {
 *   baseUrl: simulator.url, apiKey: simulator.testKey, fetch: globalThis.fetch,
 *   scheduler: asyncScheduler, requestTimeoutMs: 5_000, maxBodyBytes: 1_000_000,
 * }
 * const all = await lastValueFrom(listJobs$(config, 'B0CHX1W1XY', { limit: 2 }).pipe(toArray()))
 * console.log(all.length, simulator.log.length)
 * await simulator.close()
 * // Output: 5 3
 * ```
 */
export function listJobs$(config: TransportConfig, asin: string, options: ListJobsOptions = {}): Observable<JobSummary> {
  const pace = options.pace ?? identity
  const pageFrom = (page: number): Observable<JobSummary> =>
    listJobPage$(config, { asin, page, ...(options.limit === undefined ? {} : { limit: options.limit }) }).pipe(
      mergeMap((result) => concat(from(result.data), hasMore(result) ? pace(defer(() => pageFrom(page + 1))) : EMPTY)),
    )
  return defer(() => pageFrom(1))
}
