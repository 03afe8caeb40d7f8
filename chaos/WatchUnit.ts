import type { JobInsert } from '../src/testing/index.js'

/** What a job of a chaos run will be: what `createJob` gets, without the key. */
export type JobPlan = Omit<JobInsert, 'key'>

/**
 * One watch of a chaos run, started when the run reaches it:
 * - `solo`: one job through `watchJob$`; with `cancelAfterMs`, the watch is unsubscribed that
 *   long after its first emission (if the job has not finished by then);
 * - `group`: jobs that share an ASIN, through one `watchJobs$` (polled through the listing).
 */
export type WatchUnit =
  | { readonly kind: 'solo'; readonly job: JobPlan; readonly cancelAfterMs?: number }
  | { readonly kind: 'group'; readonly asin: string; readonly jobs: readonly JobPlan[] }
