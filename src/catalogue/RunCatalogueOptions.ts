import type { PixiiClientOptions } from '../client/PixiiClientOptions.js'
import type { DownloadAdsOptions } from '../node/DownloadAdsOptions.js'
import type { WatchOptions } from '../watch/WatchOptions.js'
import type { CatalogueStore } from './CatalogueStore.js'

/**
 * Options of `runCatalogue$`. `store`, `client` and `out` are required.
 *
 * @example
 * ```ts
 * import { createJournalStore, type RunCatalogueOptions } from 'pixii-rx/catalogue'
 * const options: RunCatalogueOptions = {
 *   store: createJournalStore('catalogue.journal'),
 *   client: { apiKey: 'pk_test_abc' },
 *   out: 'images',
 *   untilBudget: true,
 * }
 * ```
 */
export interface RunCatalogueOptions {
  /** Where the run records what it does, and finds what earlier runs did. */
  readonly store: CatalogueStore
  /**
   * The client's options (key, URL, `rateLimits`, `scheduler`, ...). The run makes the client
   * itself, so that its submitter's limiter starts from the submissions the store recorded.
   */
  readonly client: PixiiClientOptions
  /** Where the images go: `<out>/<job id>/ad-01.png`, ... and a `manifest.json` per job. */
  readonly out: string
  /** Rows submitted at once (waiting for the limiter, in flight, or being looked for). Default 1. */
  readonly concurrency?: number
  /** Submit again the rows whose job failed or whose submission Pixii refused. Default false. */
  readonly resubmitFailed?: boolean
  /** When the day's budget is spent, leave the remaining rows `deferred` and end instead of waiting. Default false. */
  readonly untilBudget?: boolean
  /**
   * How long after a POST of a previous run its job may still appear in the ASIN's listing, in
   * ms: a row whose intent is younger is looked for again after it, before it is submitted again.
   * Default 30 000.
   */
  readonly settleMs?: number
  /** How each job is watched. Default: the client's settings, with a 2-hour deadline. */
  readonly watch?: WatchOptions
  /** How images are downloaded (`concurrency`, `maxBytes`, `timeoutMs`, `fetch`, ...). */
  readonly downloads?: Omit<DownloadAdsOptions, 'dir' | 'scheduler'>
  /** How long a shared store lends a row to this worker, in ms. Default 5 minutes. */
  readonly leaseMs?: number
}
