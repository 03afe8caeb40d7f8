import type { PollEvent } from '../../watch/PollEvent.js'

/**
 * When a poll's schedule expects its job to finish (scheduler time), for the ETA of the live line;
 * `undefined` when it has no estimate (too few jobs of the kind learned, or the job overdue).
 * Polls that say nothing about it (an error, a fixed `--interval`) leave the line as it was: `null`.
 *
 * @example
 * ```ts
 * import { estimateOf } from './estimateOf.js'
 * const poll = { subject: 'job_1', attempt: 3, requestedAt: 0, answeredAt: 40, outcome: { kind: 'job', status: 'processing', emitted: false }, decision: { kind: 'wait', delayMs: 4_700, reason: 'schedule' } } as const
 * console.log(estimateOf({ ...poll, estimate: { kind: 'estimate', at: 90_000, low: 60_000, high: 120_000, coverage: 0.8, samples: 12 } }))
 * console.log(estimateOf({ ...poll, estimate: { kind: 'none', reason: 'overdue' } }), estimateOf(poll))
 * // Output: 90000
 * // Output: undefined null
 * ```
 */
export function estimateOf(event: PollEvent): number | undefined | null {
  if (event.estimate === undefined) return null
  return event.estimate.kind === 'estimate' ? event.estimate.at : undefined
}
