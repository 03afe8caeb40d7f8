import { ValidationError } from '../errors/ValidationError.js'
import type { PollSchedule } from './PollSchedule.js'

/**
 * Polls at a fixed interval: the vendor's advice is `fixedSchedule(5_000)`.
 *
 * @param intervalMs - The wait between two polls, in milliseconds.
 * @throws {@link ValidationError} (source `client`) at once when `intervalMs` is not a finite number ≥ 0.
 *
 * @example
 * ```ts
 * import { fixedSchedule } from 'pixii-rx'
 * const every5s = fixedSchedule(5_000)
 * console.log(every5s.name, every5s.nextDelayMs({ attempt: 3, elapsedMs: 10_000, job: undefined, keyKind: 'live', now: 0 }))
 * // Output: fixed 5000 ms 5000
 * ```
 */
export function fixedSchedule(intervalMs: number): PollSchedule {
  if (!(Number.isFinite(intervalMs) && intervalMs >= 0)) {
    const message = `expected a finite number ≥ 0, got ${intervalMs}`
    throw new ValidationError({ message: `fixedSchedule: intervalMs: ${message}`, source: 'client', issues: [{ path: 'intervalMs', message }] })
  }
  return { name: `fixed ${intervalMs} ms`, nextDelayMs: () => intervalMs }
}
