import type { Backoff } from './Backoff.js'

/**
 * Shortens each wait by a random share of itself, up to `fraction` (0 to 1), so that clients that
 * failed together do not come back together; whole milliseconds. `random` is asked once per wait,
 * even at `fraction` 0, so that a seeded source yields the same sequence whatever the jitter.
 */
export function jittered(fraction: number, random: () => number): (backoff: Backoff) => Backoff {
  return (backoff) => (step) => Math.round(backoff(step) * (1 - fraction * random()))
}
