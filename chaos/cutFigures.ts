import type { LoggedRequest } from '../src/testing/index.js'
import type { CountingFetch } from './countingFetch.js'
import { requestsAfter } from './requestsAfter.js'
import type { WatchRecord } from './WatchRecord.js'

/** What happened on the wire after the run unsubscribed watches midway. */
export interface CutFigures {
  readonly cut: number
  /** Cut watches that had a request on its way at that moment (the abort path). */
  readonly inFlightAtCut: number
  readonly fetchesAfterCut: number
  readonly arrivalsAfterCut: number
}

/**
 * Checks every cut watch from both ends of the wire. Client side: fetch calls for the job after
 * the unsubscribe (exact). Server side: requests for the job logged after the unsubscribe; up to
 * as many as were asked for and unanswered at that moment may arrive late: they left before.
 */
export function cutFigures(records: Iterable<WatchRecord>, log: readonly LoggedRequest[], counter: CountingFetch): CutFigures {
  let cut = 0
  let fetchesAfterCut = 0
  let arrivalsAfterCut = 0
  let inFlightAtCut = 0
  for (const record of records) {
    if (record.cut === undefined) continue
    cut += 1
    const after = requestsAfter(record.id, record.cut, log, counter)
    fetchesAfterCut += after.fetches
    arrivalsAfterCut += after.arrivals
    if (record.cut.fetchesUnanswered > 0) inFlightAtCut += 1
  }
  return { cut, inFlightAtCut, fetchesAfterCut, arrivalsAfterCut }
}
