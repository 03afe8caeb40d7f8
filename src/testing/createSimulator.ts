import { assemble } from './assemble.js'
import { resolveOptions, type SimulatorOptions } from './options.js'
import type { Simulator } from './simulator.js'

/**
 * Creates an in-memory Pixii simulator: no socket, created synchronously. Talk to it with
 * `sim.fetch` (any host, routed on the path). Organisation A (`testKey`, `liveKey`) and
 * organisation B (`otherOrgKey`) exist from the start.
 *
 * @param options - Clock, seed, durations, credits, limits and image host (see {@link SimulatorOptions}).
 * @throws `RangeError` at once when an option is out of range, naming it.
 *
 * @example
 * ```ts
 * import { VirtualTimeScheduler } from 'rxjs'
 * import { createSimulator } from 'pixii-rx/testing'
 * const scheduler = new VirtualTimeScheduler()
 * const sim = createSimulator({ scheduler })
 * const res = await sim.fetch('https://api.pixii.ai/v1/api/a_plus', {
 *   method: 'POST',
 *   headers: { Authorization: `Bearer ${sim.testKey}`, 'Content-Type': 'application/json' },
 *   body: JSON.stringify({ asin: 'B000000001', country_code: 'US', types: ['A+ Basic'] }),
 * })
 * console.log(res.status, res.headers.get('X-RateLimit-Remaining-Minute'))
 * // Output: 202 9
 * ```
 */
export function createSimulator(options?: SimulatorOptions): Simulator {
  return assemble(resolveOptions(options), () => Promise.resolve()).simulator
}
