import type { JobInsert } from '../src/testing/index.js'

/** What a job of a chaos run will be: what `createJob` gets, without the key. */
export type JobPlan = Omit<JobInsert, 'key'>

/**
 * When a chaos run unsubscribes a solo watch, if its job has not finished by then: `ms` after
 * its first emission, or as soon as the next request for it has left (so that the unsubscribe
 * must abort a request in flight).
 */
export type CutPlan = { readonly when: 'timer'; readonly ms: number } | { readonly when: 'request' }

/**
 * One watch of a chaos run, started when the run reaches it:
 * - `solo`: one job through `watchJob$`; with `cut`, the watch is unsubscribed midway (see
 *   {@link Cut});
 * - `group`: jobs that share an ASIN, through one `watchJobs$` (polled through the listing).
 */
export type WatchUnit =
  | { readonly kind: 'solo'; readonly job: JobPlan; readonly cut?: CutPlan }
  | { readonly kind: 'group'; readonly asin: string; readonly jobs: readonly JobPlan[] }
