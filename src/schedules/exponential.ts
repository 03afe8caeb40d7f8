import type { Backoff } from './Backoff.js'

/** `baseMs`, then `factor` times longer at each step: the growth of every backoff in the library. */
export function exponential(baseMs: number, factor = 2): Backoff {
  return (step) => baseMs * factor ** step
}
