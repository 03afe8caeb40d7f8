import type { Simulator } from '../src/testing/index.js'
import type { FaultMix } from './FaultMix.js'

/**
 * Installs `mix` as rate rules on every API request of `sim`. The simulator tries its rate rules
 * in order and injects at most one fault per request, so each rule gets the probability
 * conditional on the rules before it having missed: then each fault hits its own share of all
 * requests, not a share of what the earlier rules left.
 */
export function applyFaultMix(sim: Simulator, mix: FaultMix): void {
  const total = mix.reduce((sum, { share }) => sum + share, 0)
  if (!(total <= 1)) throw new RangeError(`chaos: the fault shares add up to ${total}, more than 1`)
  let left = 1
  for (const { fault, share } of mix) {
    sim.faults.rate(fault, left <= 0 ? 0 : Math.min(1, share / left), { match: { path: /^\/v1\/api\/jobs/ } })
    left -= share
  }
}
