import type { LoggedRequest } from '../src/testing/index.js'
import type { CountingFetch } from './countingFetch.js'
import { requestsAfter } from './requestsAfter.js'
import type { WatchRecord } from './WatchRecord.js'

/** What happened on the wire after watches ended by their overall deadline. */
export interface DeadlineFigures {
  /** Fetch calls for the job after its watch's deadline ended it (client side). */
  readonly fetchesAfterDeadline: number
  /** Requests for the job reaching the simulator after it, beyond those already on their way. */
  readonly arrivalsAfterDeadline: number
}

/**
 * Checks every watch that ended with its overall deadline (a `Timeout` of deadline `total`) as
 * `cutFigures` checks a cut: the deadline must stop the watch as an unsubscribe does.
 */
export function deadlineFigures(records: Iterable<WatchRecord>, log: readonly LoggedRequest[], counter: CountingFetch): DeadlineFigures {
  let fetchesAfterDeadline = 0
  let arrivalsAfterDeadline = 0
  for (const record of records) {
    if (record.timedOut === undefined) continue
    const after = requestsAfter(record.id, record.timedOut, log, counter)
    fetchesAfterDeadline += after.fetches
    arrivalsAfterDeadline += after.arrivals
  }
  return { fetchesAfterDeadline, arrivalsAfterDeadline }
}
