import type { LoggedRequest } from '../src/testing/index.js'

/**
 * Counts the logged requests by the fault they got; `status` faults are split by their code
 * (a request its client aborted before the answer was chosen has none: `status, aborted`).
 */
export function tallyFaults(log: readonly LoggedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const request of log) {
    if (request.fault === undefined) continue
    const kind = request.fault === 'status' ? (request.status === undefined ? 'status, aborted' : `status ${request.status}`) : request.fault
    counts[kind] = (counts[kind] ?? 0) + 1
  }
  return counts
}
