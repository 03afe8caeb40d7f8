import type { Job, JobStatus } from '../src/index.js'

/**
 * A moment that ends a watch (the run's unsubscribe, or the watch's own deadline), as its two
 * witnesses saw it: nothing may be asked for the job after it.
 */
export interface Cut {
  /** Requests for the job that the client's fetch had been called with. */
  readonly fetchCalls: number
  /** Of those, the ones without an answer yet (they may still reach the server, then be aborted). */
  readonly fetchesUnanswered: number
  /** Requests in the simulator's log. */
  readonly logLength: number
}

/** What one job's watch delivered in a chaos run. */
export interface WatchRecord {
  readonly id: string
  /** The ASIN of its group, when the job was watched in one through `watchJobs$`. */
  readonly group?: string
  /** Every status emitted for the job, in order (`status` and `job` events alike). */
  readonly statuses: JobStatus[]
  /** The job each of those emissions was about (the `id` of its job or summary), in the same order. */
  readonly ids: string[]
  /** The last full job emitted. */
  last?: Job
  /** How the watch ended: `complete`, `error` (see `error`), or `cut` (unsubscribed by the run). */
  end?: 'complete' | 'error' | 'cut'
  error?: unknown
  /** Set when the run unsubscribed the watch midway. */
  cut?: Cut
  /** Set when the watch ended with its overall deadline (a `Timeout` of deadline `total`). */
  timedOut?: Cut
}

/**
 * An empty record for job `id`, watched alone or in the group of ASIN `group`.
 */
export function watchRecord(id: string, group?: string): WatchRecord {
  return { id, ...(group === undefined ? {} : { group }), statuses: [], ids: [] }
}
