import { pipe } from 'rxjs'
import { invalidInput } from '../errors/invalidInput.js'
import { exponential } from './exponential.js'
import { jittered } from './jittered.js'
import { upTo } from './upTo.js'
import type { PollSchedule } from './PollSchedule.js'

/**
 * Configuration of {@link exponentialSchedule}.
 *
 * @example
 * ```ts
 * import { exponentialSchedule } from 'pixii-rx'
 * import { type ExponentialScheduleConfig } from 'pixii-rx/advanced'
 * const config: ExponentialScheduleConfig = { initialMs: 1_000, factor: 1.5, maxMs: 30_000, jitter: 0.2 }
 * exponentialSchedule(config)
 * ```
 */
export interface ExponentialScheduleConfig {
  /** The wait after the first answer. */
  readonly initialMs: number
  /** How much each wait grows over the previous one. Default 2. */
  readonly factor?: number
  /** The longest wait. Default: no limit. */
  readonly maxMs?: number
  /** The share of each wait that may be randomly removed, 0 to 1, to spread clients. Default 0. */
  readonly jitter?: number
  /** Random numbers in [0, 1); inject a seeded one for reproducible runs. Default `Math.random`. */
  readonly random?: () => number
}

/**
 * Waits `initialMs`, then `factor` times longer after each answer, up to `maxMs`, each wait
 * shortened by up to `jitter` of itself.
 *
 * @param config - `initialMs`, and optionally `factor`, `maxMs`, `jitter` and `random`.
 * @throws {@link ValidationError} (source `client`) at once, naming each field that is out of range.
 *
 * @example
 * ```ts
 * import { exponentialSchedule } from 'pixii-rx'
 * const schedule = exponentialSchedule({ initialMs: 250, factor: 2, maxMs: 5_000 })
 * const waits = [1, 2, 3, 4, 5, 6, 7].map((attempt) => schedule.nextDelayMs({ attempt, elapsedMs: 0, job: undefined, keyKind: 'test', now: 0 }))
 * console.log(waits.join(' '))
 * // Output: 250 500 1000 2000 4000 5000 5000
 * ```
 */
export function exponentialSchedule(config: ExponentialScheduleConfig): PollSchedule {
  const { initialMs, factor = 2, maxMs = Number.POSITIVE_INFINITY, jitter = 0, random = Math.random } = config
  const issues = [
    { path: 'initialMs', ok: Number.isFinite(initialMs) && initialMs >= 0, message: `expected a finite number ≥ 0, got ${initialMs}` },
    { path: 'factor', ok: Number.isFinite(factor) && factor >= 1, message: `expected a finite number ≥ 1, got ${factor}` },
    { path: 'maxMs', ok: maxMs >= initialMs, message: `expected a number ≥ initialMs, got ${maxMs}` },
    { path: 'jitter', ok: jitter >= 0 && jitter <= 1, message: `expected a number from 0 to 1, got ${jitter}` },
  ]
    .filter((issue) => !issue.ok)
    .map(({ path, message }) => ({ path, message }))
  if (issues.length > 0) {
    throw invalidInput('exponentialSchedule', issues)
  }
  const delayMs = pipe(upTo(maxMs), jittered(jitter, random))(exponential(initialMs, factor))
  return {
    name: `exponential ${initialMs} ms ×${factor} up to ${maxMs} ms`,
    // The first answer (attempt 1) waits initialMs: step 0.
    nextDelayMs: ({ attempt }) => delayMs(Math.max(0, attempt - 1)),
  }
}
