import { exponentialSchedule } from './exponentialSchedule.js'
import type { PollSchedule } from './PollSchedule.js'

/**
 * Quick first (250 ms, 500 ms, 1 s, 2 s, 4 s: a test-key job, done in under a second, is seen
 * finished after two or three polls), then the vendor's 5 s. It learns nothing; the default is
 * `adaptiveSchedule()`.
 *
 * @example
 * ```ts
 * import { quickFirstSchedule } from 'pixii-rx'
 * const waits = [1, 2, 3, 4, 5, 6].map((attempt) => quickFirstSchedule.nextDelayMs({ attempt, elapsedMs: 0, job: undefined, keyKind: 'live', now: 0 }))
 * console.log(waits.join(' '))
 * // Output: 250 500 1000 2000 4000 5000
 * ```
 */
export const quickFirstSchedule: PollSchedule = {
  ...exponentialSchedule({ initialMs: 250, factor: 2, maxMs: 5_000 }),
  name: 'quick first (250 ms doubling to 5 s)',
}
