import type { Job, JobStatus } from '../src/index.js'

/** The moment a chaos run unsubscribed a watch midway, as its two witnesses saw it. */
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
  /** Every status emitted for the job, in order (`status` and `job` events alike). */
  readonly statuses: JobStatus[]
  /** The last full job emitted. */
  last?: Job
  /** How the watch ended: `complete`, `error` (see `error`), or `cut` (unsubscribed by the run). */
  end?: 'complete' | 'error' | 'cut'
  error?: unknown
  /** Set when the run unsubscribed the watch midway. */
  cut?: Cut
}

/**
 * An empty record for job `id`.
 */
export function watchRecord(id: string): WatchRecord {
  return { id, statuses: [] }
}
