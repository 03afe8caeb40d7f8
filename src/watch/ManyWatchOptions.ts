import type { WatchOptions } from './WatchOptions.js'

/**
 * Options of `watchAsin$` and `watchJobs$`, on top of {@link WatchOptions}.
 *
 * @example
 * ```ts
 * import type { ManyWatchOptions } from 'pixii-rx'
 * const options: ManyWatchOptions = { pageSize: 100, failFast: false, completeWhenIdle: true }
 * ```
 */
export interface ManyWatchOptions extends WatchOptions {
  /** Summaries per list request, 1 to 100. Default 100 (the fewest requests). */
  readonly pageSize?: number
  /** `watchJobs$`: end the whole stream at the first job that fails. Default false: failures are `error` events. */
  readonly failFast?: boolean
  /** `watchJobs$`: poll jobs that share an ASIN through one listing. Default true. */
  readonly batchByAsin?: boolean
  /** `watchAsin$`: complete once every job seen is finished. Default false: watch for new jobs until unsubscribed. */
  readonly completeWhenIdle?: boolean
}
