import { concatMap, defer, from, throwError, type Observable } from 'rxjs'
import type { JobSummary } from '../codecs/JobSummary.js'
import type { TransportConfig } from '../http/TransportConfig.js'
import { listJobPage$ } from './listJobPage.js'
import { checkMaxPages } from './maxPages.js'
import { readPages$ } from './readPages.js'

/**
 * Options of {@link PixiiClient.listJobs$}.
 *
 * @example
 * ```ts
 * import { createPixiiClient, type ListJobsOptions } from 'pixii-rx'
 * const pixii = createPixiiClient({ apiKey: 'pk_test_abc' })
 * const options: ListJobsOptions = { limit: 100, maxPages: 50 } // at most 5,000 jobs
 * const summaries$ = pixii.listJobs$('B0CHX1W1XY', options) // nothing is requested until subscribed
 * ```
 */
export interface ListJobsOptions {
  /** Summaries per page request, 1 to 100. Default 20 (always sent, so that the answers can be checked against it). */
  readonly limit?: number
  /**
   * The most pages read, an integer ≥ 1. A listing that still has more after this many pages
   * (a `total` that keeps growing, or simply more jobs than `maxPages × limit`) ends with a
   * `DecodeError` (issue path `total`) once the summaries read so far have been emitted. Default
   * `defaultMaxPages` (`pixii-rx/advanced`), 1,000: 20,000 jobs at the default limit, 100,000 at limit 100.
   */
  readonly maxPages?: number
  /**
   * Wraps the request of each page after the first, so that it is made only when this says so.
   * Pass `toReadable`'s `demand.ready` (from `pixii-rx/node`) to fetch the next page only when a
   * slow reader has caught up. Default: the next page is requested as soon as the previous one
   * has been emitted.
   */
  readonly pace?: <T>(nextPage$: Observable<T>) => Observable<T>
}

/**
 * Every job of an ASIN, newest first, as a stream of {@link JobSummary}. Pages are fetched one
 * at a time and only when the previous page has been consumed: `take(5)` makes one request, and
 * unsubscribing stops the paging. Any number of pages runs in constant stack, and a listing
 * that does not end is cut off after `maxPages` pages.
 *
 * Every answer must hold together, else the stream errors with a `DecodeError` naming the field:
 * the `page` asked for, the `limit` asked for (never 0), at most `limit` summaries, none on a
 * page that starts beyond `total`, and not the same summaries as the page before. Summaries do
 * not carry their ASIN, so one of another ASIN cannot be told apart.
 *
 * @param config - The transport, as {@link createPixiiClient} builds it.
 * @param asin - The ASIN whose jobs to list.
 * @param options - The page size (`limit`), the page bound (`maxPages`) and `pace`.
 * @throws In the error channel: a {@link ValidationError} for an invalid ASIN, limit or maxPages (nothing is
 * sent), a {@link DecodeError} for a page that does not hold together or a listing longer than `maxPages`,
 * or the {@link PixiiError} a page request ends with; the summaries of earlier pages have been emitted.
 *
 * @example
 * ```ts
 * import { asyncScheduler, lastValueFrom, toArray } from 'rxjs'
 * import { listJobs$ } from './listJobs.js'
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
  return defer(() => {
    const maxPages = checkMaxPages(options.maxPages, 'listJobs$')
    if (typeof maxPages !== 'number') return throwError(() => maxPages)
    const limit = options.limit ?? 20
    const pages$ = readPages$((page) => listJobPage$(config, { asin, page, limit }), {
      limit, maxPages, ...(options.pace === undefined ? {} : { pace: options.pace }), context: { method: 'GET', path: '/v1/api/jobs' },
    })
    return pages$.pipe(concatMap((page) => from(page.data)))
  })
}
