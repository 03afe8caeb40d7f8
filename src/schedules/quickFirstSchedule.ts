import type { Backoff } from './Backoff.js'
import { exponential } from './exponential.js'
import type { PollSchedule } from './PollSchedule.js'
import { upTo } from './upTo.js'

/** 250 ms doubling to 5 s, with no jitter: also what `adaptiveSchedule` does when it has no job to read. */
export const quickFirstDelayMs: Backoff = upTo(5_000)(exponential(250))

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
  name: 'quick first (250 ms doubling to 5 s)',
  nextDelayMs: ({ attempt }) => quickFirstDelayMs(Math.max(0, attempt - 1)),
}
