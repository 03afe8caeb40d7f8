import type { Fault } from '../src/testing/index.js'

/** One fault of a chaos run and the share of requests it should hit. */
export interface FaultShare {
  /** The fault, as `sim.faults.rate` takes it. */
  readonly fault: Fault
  /** The share of all requests it should hit, 0 to 1 (not conditional on the other faults). */
  readonly share: number
}

/** The faults of a chaos run; their shares add up to at most 1. */
export type FaultMix = readonly FaultShare[]

/**
 * The rates of issue 9, plus two kinds the issue implies: latency spikes (one short, one long,
 * both under a 1.5 s request timeout) and `stale` answers (a job read one status behind), which
 * tempt a watch to go backwards. Hangs end only by the client's per-request timeout. And from
 * issue 14, a few `misdirected` answers (a job read answered about another job), which the client
 * must refuse: they end the watch, so their share is small.
 */
export const ISSUE_FAULT_MIX: FaultMix = [
  { fault: { kind: 'status', status: 500 }, share: 0.05 },
  { fault: { kind: 'status', status: 503 }, share: 0.05 },
  { fault: { kind: 'rate-limit', retryAfter: 1 }, share: 0.05 },
  { fault: { kind: 'reset' }, share: 0.02 },
  { fault: { kind: 'malformed-json' }, share: 0.02 },
  { fault: { kind: 'html' }, share: 0.01 },
  { fault: { kind: 'empty' }, share: 0.01 },
  { fault: { kind: 'latency', ms: 300 }, share: 0.02 },
  { fault: { kind: 'latency', ms: 1_200 }, share: 0.01 },
  { fault: { kind: 'hang' }, share: 0.005 },
  { fault: { kind: 'stale' }, share: 0.02 },
  { fault: { kind: 'misdirected' }, share: 0.005 },
]
