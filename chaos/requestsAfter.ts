import type { LoggedRequest } from '../src/testing/index.js'
import type { CountingFetch } from './countingFetch.js'
import type { Cut } from './WatchRecord.js'

/** Requests for one job after the moment its watch ended, from both ends of the wire. */
export interface RequestsAfter {
  /** Fetch calls for the job after that moment (client side, exact). */
  readonly fetches: number
  /** Requests for the job logged by the simulator after it, beyond those already on their way then. */
  readonly arrivals: number
}

/**
 * Counts the requests for job `id` after `mark`. Up to as many as were asked for and unanswered
 * at that moment may reach the server late: they left before (then they are aborted).
 */
export function requestsAfter(id: string, mark: Cut, log: readonly LoggedRequest[], counter: CountingFetch): RequestsAfter {
  const path = `/v1/api/jobs/${id}`
  const late = log.slice(mark.logLength).filter((request) => request.path === path)
  return { fetches: counter.calls(id) - mark.fetchCalls, arrivals: Math.max(0, late.length - mark.fetchesUnanswered) }
}
