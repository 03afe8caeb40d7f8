import type { LoggedRequest } from '../../src/testing/index.js'

/** The most requests of the log that were in flight at once (a request ends when it finished or was aborted). */
export function peakInFlight(log: readonly LoggedRequest[]): number {
  const edges: Array<[number, number]> = []
  for (const request of log) {
    edges.push([request.at, +1])
    edges.push([request.finishedAt ?? Number.POSITIVE_INFINITY, -1])
  }
  // At equal times, ends come before starts: a slot freed at t can be taken at t.
  edges.sort(([a, da], [b, db]) => a - b || da - db)
  let now = 0
  let peak = 0
  for (const [, delta] of edges) {
    now += delta
    peak = Math.max(peak, now)
  }
  return peak
}
