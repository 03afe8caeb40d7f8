import type { Backoff } from './Backoff.js'

/** Caps a backoff at `maxMs`: growth stops there, so a long outage is still polled now and then. */
export function upTo(maxMs: number): (backoff: Backoff) => Backoff {
  return (backoff) => (step) => Math.min(maxMs, backoff(step))
}
