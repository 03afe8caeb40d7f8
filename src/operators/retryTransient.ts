import { asyncScheduler, identity, pipe, retry, throwError, timer, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs'
import { invalidInput } from '../errors/invalidInput.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import type { PixiiError } from '../errors/PixiiError.js'
import { RetriesExhaustedError } from '../errors/RetriesExhaustedError.js'
import { mayResend } from '../http/resendVerdict.js'
import type { ValidationIssue } from '../errors/ValidationError.js'
import { exponential } from '../schedules/exponential.js'
import { jittered } from '../schedules/jittered.js'
import { upTo } from '../schedules/upTo.js'

/**
 * Configuration of {@link retryTransient}. Every field has a default.
 *
 * @example
 * ```ts
 * import { retryTransient } from 'pixii-rx'
 * import { type RetryTransientConfig } from 'pixii-rx/advanced'
 * const patient: RetryTransientConfig = { maxRetries: 10, initialDelayMs: 1_000, maxDelayMs: 60_000 }
 * retryTransient(patient)
 * ```
 */
export interface RetryTransientConfig {
  /** Retries allowed after failures in a row; a value resets the count. `0` makes the operator `identity`. Default 6. */
  readonly maxRetries?: number
  /** The wait before the first retry; it doubles before each further one. Default 500. */
  readonly initialDelayMs?: number
  /** The longest backoff (a `Retry-After` is honoured even when it is longer). At least `initialDelayMs`. Default 30 000. */
  readonly maxDelayMs?: number
  /** The share of each backoff that may be randomly removed, 0 to 1, to spread clients. Default 0.5. */
  readonly jitter?: number
  /** Random numbers in [0, 1); inject a fixed one for reproducible waits. Default `Math.random`. */
  readonly random?: () => number
  /** Where the waits are scheduled. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike
}

type Normalized = Required<RetryTransientConfig>

const defaults: Normalized = {
  maxRetries: 6,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  jitter: 0.5,
  random: Math.random,
  scheduler: asyncScheduler,
}

type RetriedError = Exclude<PixiiError, RetriesExhaustedError>

function normalize(config: RetryTransientConfig): Normalized {
  const full: Normalized = { ...defaults, ...config }
  const { maxRetries, initialDelayMs, maxDelayMs, jitter, random, scheduler } = full
  const issues: ValidationIssue[] = Object.keys(config)
    .filter((name) => !Object.hasOwn(defaults, name))
    .map((path) => ({ path, message: 'is not an option of retryTransient' }))
  const check = (path: string, ok: boolean, expected: string, value: unknown): void => {
    if (!ok) issues.push({ path, message: `expected ${expected}, got ${String(value)}` })
  }
  const isMs = (value: number): boolean => Number.isFinite(value) && value >= 0
  const isCount = maxRetries === Number.POSITIVE_INFINITY || (Number.isInteger(maxRetries) && maxRetries >= 0)
  check('maxRetries', isCount, 'an integer ≥ 0 or Infinity', maxRetries)
  check('initialDelayMs', isMs(initialDelayMs), 'a finite number ≥ 0', initialDelayMs)
  // Compared with initialDelayMs only once that is valid, so one mistake gets one message.
  const floorMs = isMs(initialDelayMs) ? initialDelayMs : 0
  check('maxDelayMs', isMs(maxDelayMs) && maxDelayMs >= floorMs, `a finite number ≥ initialDelayMs (${floorMs})`, maxDelayMs)
  check('jitter', typeof jitter === 'number' && jitter >= 0 && jitter <= 1, 'a number from 0 to 1', jitter)
  check('random', typeof random === 'function', 'a function', typeof random)
  check('scheduler', typeof scheduler?.schedule === 'function', 'a SchedulerLike', typeof scheduler)
  if (issues.length > 0) {
    throw invalidInput('retryTransient', issues)
  }
  return full
}

/** Whether asking again is safe and may help: the one judge, by method, error and whether it reached the server. */
function isSafeToRetry(error: unknown): error is RetriedError {
  return isPixiiError(error) && mayResend(error)
}

/**
 * Resubscribes to the source after a transient {@link PixiiError} (network trouble, 5xx, 429, a
 * request timeout). Meant for single calls (`getJob$`, `submitListingBuilder$`, ...): `watchJob$`
 * already rides out transient trouble by its own retry policy. It waits `initialDelayMs`, doubling
 * up to `maxDelayMs`, each wait shortened by up to `jitter` of itself, or exactly the server's
 * `Retry-After` when the error carries one. After `maxRetries` failures in a row (a value resets
 * the count) it errors with `RetriesExhausted`, whose `lastError` is the last failure. Any other
 * error, Pixii or not, passes through untouched (the same object).
 *
 * Never re-sends a submission that may have reached the server: an error of a `POST` is retried
 * only when it is a 429, a 503 or a `connection` failure.
 *
 * A bad configuration throws a `ValidationError` (source `client`) naming the field.
 *
 * ```text
 * source:  --#                                     # = a transient PixiiError
 *            ·500 ms·--#                           resubscribed after the backoff
 *                      ·1000 ms·--a--|             (jitter 0)
 * result:  ---------------------------a--|
 * ```
 *
 * @param config - Budget, backoff, jitter, randomness and scheduler; every field has a default (see {@link RetryTransientConfig}).
 * @throws {@link ValidationError} (source `client`) at once for a bad configuration. In the error channel,
 * {@link RetriesExhaustedError} past the budget, and any error it does not retry, unchanged.
 *
 * @example
 * ```ts
 * import { defer, lastValueFrom, of, throwError } from 'rxjs'
 * import { NetworkError, retryTransient } from 'pixii-rx'
 * let calls = 0
 * const flaky$ = defer(() => {
 *   calls += 1
 *   return calls < 3 ? throwError(() => new NetworkError({ message: 'connection refused', failure: 'connection' })) : of('answer')
 * })
 * console.log(await lastValueFrom(flaky$.pipe(retryTransient({ initialDelayMs: 5 }))), calls)
 * // Output: answer 3
 * ```
 *
 * @see {@link RetriesExhaustedError} for what the caller gets when the budget is spent
 * @see {@link https://rxjs.dev/api/operators/retry | RxJS's retry}, on which it is built
 */
export function retryTransient<T>(config: RetryTransientConfig = {}): MonoTypeOperatorFunction<T> {
  const { maxRetries, initialDelayMs, maxDelayMs, jitter, random, scheduler } = normalize(config)
  if (maxRetries === 0) return identity
  const backoffMs = pipe(upTo(maxDelayMs), jittered(jitter, random))(exponential(initialDelayMs))
  return retry<T>({
    resetOnSuccess: true,
    delay: (error: unknown, failures: number) => {
      if (!isSafeToRetry(error)) return throwError(() => error)
      if (failures > maxRetries) {
        const message = `Gave up after ${failures} transient failures in a row; the last: ${error.message}`
        return throwError(() => new RetriesExhaustedError({ message, lastError: error, attempts: failures }))
      }
      const retryAfterMs = 'retryAfterMs' in error ? error.retryAfterMs : undefined
      // The first retry waits initialDelayMs: step 0.
      return timer(retryAfterMs ?? backoffMs(failures - 1), scheduler)
    },
  })
}
