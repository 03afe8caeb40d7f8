import type { WatchOptions } from '../watch/WatchOptions.js'

/**
 * Options of `watchAsin$` and `watchJobs$`, on top of {@link WatchOptions}.
 *
 * @example
 * ```ts
 * import type { ManyWatchOptions } from 'pixii-rx'
 * const options: ManyWatchOptions = { pageSize: 100, maxPages: 50, failFast: false, completeWhenIdle: true }
 * ```
 */
export interface ManyWatchOptions extends WatchOptions {
  /** Summaries per list request, 1 to 100. Default 100 (the fewest requests). */
  readonly pageSize?: number
  /**
   * The most list requests of one poll, an integer ≥ 1: a listing that still has more after this
   * many pages (a `total` that keeps growing) ends the watch with a `DecodeError` (issue path
   * `total`, not retried) instead of paging forever. A poll holds one summary per job id, so at
   * most `maxPages × pageSize` of them. Default `defaultMaxPages` (`pixii-rx/advanced`), 1,000 (100,000 jobs at
   * the default `pageSize`).
   */
  readonly maxPages?: number
  /** `watchJobs$`: end the whole stream at the first job that fails. Default false: failures are `error` events. */
  readonly failFast?: boolean
  /** `watchJobs$`: poll jobs that share an ASIN through one listing. Default true. */
  readonly batchByAsin?: boolean
  /** `watchAsin$`: complete once every job seen is finished. Default false: watch for new jobs until unsubscribed. */
  readonly completeWhenIdle?: boolean
}
