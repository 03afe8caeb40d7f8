import { pipe } from 'rxjs'
import type { ValidationIssue } from '../errors/ValidationError.js'
import { exponential } from './exponential.js'
import { jittered } from './jittered.js'
import { upTo } from './upTo.js'

/**
 * How a watch rides out transient failures (network errors, 5xx, 429, request timeouts,
 * unparseable bodies). Every field has a default.
 *
 * @example
 * ```ts
 * import type { RetryPolicy } from 'pixii-rx'
 * const patient: RetryPolicy = { maxConsecutiveFailures: 20, maxBackoffMs: 120_000 }
 * ```
 */
export interface RetryPolicy {
  /** Transient failures in a row tolerated before giving up with `RetriesExhausted`. Default 8. */
  readonly maxConsecutiveFailures?: number
  /** The longest backoff between two attempts (a `Retry-After` may ask for longer). Default 60 000. */
  readonly maxBackoffMs?: number
  /** The share of each backoff that may be randomly removed, 0 to 1. Default 0.5. */
  readonly jitter?: number
}

/**
 * {@link RetryPolicy} with every field filled.
 *
 * @example
 * ```ts
 * import { defaultRetryPolicy, type FullRetryPolicy } from 'pixii-rx/advanced'
 * import { type RetryPolicy } from 'pixii-rx'
 * const fill = (policy: RetryPolicy): FullRetryPolicy => ({ ...defaultRetryPolicy, ...policy })
 * console.log(fill({ maxConsecutiveFailures: 3 }))
 * // Output: { maxConsecutiveFailures: 3, maxBackoffMs: 60000, jitter: 0.5 }
 * ```
 */
export type FullRetryPolicy = Required<RetryPolicy>

/**
 * The defaults of {@link RetryPolicy}.
 *
 * @example
 * ```ts
 * import { defaultRetryPolicy } from 'pixii-rx/advanced'
 * console.log(defaultRetryPolicy.maxConsecutiveFailures)
 * // Output: 8
 * ```
 */
export const defaultRetryPolicy: FullRetryPolicy = { maxConsecutiveFailures: 8, maxBackoffMs: 60_000, jitter: 0.5 }

/**
 * The wait before retry number `failures` (1 for the first): the schedule's interval doubled per
 * failure, capped, with jitter. `Retry-After` is not applied here: it replaces this wait.
 */
export function backoffDelayMs(baseMs: number, failures: number, policy: FullRetryPolicy, random: () => number): number {
  // Built per failure because the base is the schedule's interval, which moves; failures are rare.
  const backoff = pipe(upTo(policy.maxBackoffMs), jittered(policy.jitter, random))(exponential(Math.max(baseMs, 100)))
  return backoff(failures)
}

/**
 * Checks a retry policy and fills it from `base`; problems are reported under `path`. Shared by
 * the client options and the per-watch options.
 */
export function checkRetryPolicy(policy: RetryPolicy | undefined, base: FullRetryPolicy, path: string, issues: ValidationIssue[]): FullRetryPolicy {
  const full = { ...base, ...policy }
  const { maxConsecutiveFailures, maxBackoffMs, jitter } = full
  if (!(Number.isInteger(maxConsecutiveFailures) && maxConsecutiveFailures >= 0)) {
    issues.push({ path: `${path}.maxConsecutiveFailures`, message: `expected an integer ≥ 0, got ${String(maxConsecutiveFailures)}` })
  }
  if (!(typeof maxBackoffMs === 'number' && maxBackoffMs >= 0)) {
    issues.push({ path: `${path}.maxBackoffMs`, message: `expected a number ≥ 0, got ${String(maxBackoffMs)}` })
  }
  if (!(typeof jitter === 'number' && jitter >= 0 && jitter <= 1)) {
    issues.push({ path: `${path}.jitter`, message: `expected a number from 0 to 1, got ${String(jitter)}` })
  }
  return full
}
