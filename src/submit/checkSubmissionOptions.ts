import type { ValidationIssue } from '../errors/ValidationError.js'
import { checkSubmissionLimits } from './limiter/checkSubmissionLimits.js'
import type { SubmissionLimiter } from './limiter/SubmissionLimiter.js'
import type { SubmissionLimits } from './limiter/SubmissionLimits.js'
import { defaultOutcomeLookup, type OutcomeLookup } from './OutcomeLookup.js'

/**
 * The submission settings of a client, checked and filled from the defaults (part of
 * `ClientSettings`).
 *
 * @example
 * ```ts
 * import type { SubmissionSettings } from './checkSubmissionOptions.js'
 * const defaults: SubmissionSettings = {
 *   rateLimits: { perMinute: 10, perDay: 500 },
 *   outcomeLookup: { waitMs: 60_000, clockSkewMs: 2_000 },
 * }
 * ```
 */
export interface SubmissionSettings {
  readonly rateLimits: Required<SubmissionLimits>
  /** A limiter given in place of one made from `rateLimits`. */
  readonly limiter?: SubmissionLimiter
  readonly outcomeLookup: Required<OutcomeLookup>
}

function checkLimiter(given: { readonly rateLimits?: unknown; readonly limiter?: unknown }, issues: ValidationIssue[]): SubmissionLimiter | undefined {
  const { limiter } = given
  if (limiter === undefined) return undefined
  if (!isLimiter(limiter)) {
    issues.push({ path: 'limiter', message: 'expected a SubmissionLimiter (withToken$, state, state$), such as createSubmissionLimiter() or createRedisLimiter() makes' })
    return undefined
  }
  if (given.rateLimits !== undefined) issues.push({ path: 'rateLimits', message: 'give rateLimits or limiter, not both: a given limiter keeps its own limits' })
  return limiter
}

const isLimiter = (value: unknown): value is SubmissionLimiter =>
  typeof value === 'object' && value !== null && typeof (value as Partial<SubmissionLimiter>).withToken$ === 'function' && typeof (value as Partial<SubmissionLimiter>).state === 'function'

function checkOutcomeLookup(value: unknown, issues: ValidationIssue[]): Required<OutcomeLookup> {
  if (value === undefined) return defaultOutcomeLookup
  if (typeof value !== 'object' || value === null) {
    issues.push({ path: 'outcomeLookup', message: `expected an object such as { waitMs: 60000 }, got ${value === null ? 'null' : typeof value}` })
    return defaultOutcomeLookup
  }
  for (const name of Object.keys(value)) {
    if (!Object.hasOwn(defaultOutcomeLookup, name)) issues.push({ path: `outcomeLookup.${name}`, message: 'is not an option of outcomeLookup' })
  }
  const full = { ...defaultOutcomeLookup, ...(value as OutcomeLookup) }
  for (const name of ['waitMs', 'clockSkewMs'] as const) {
    const ms = full[name]
    if (!(typeof ms === 'number' && Number.isFinite(ms) && ms >= 0)) {
      issues.push({ path: `outcomeLookup.${name}`, message: `expected a finite number ≥ 0, got ${String(ms)}` })
    }
  }
  return full
}

/** Checks the client options `rateLimits`, `limiter` and `outcomeLookup`; problems are pushed to `issues`. */
export function checkSubmissionOptions(
  given: { readonly rateLimits?: unknown; readonly limiter?: unknown; readonly outcomeLookup?: unknown },
  issues: ValidationIssue[],
): SubmissionSettings {
  const limiter = checkLimiter(given, issues)
  return {
    rateLimits: checkSubmissionLimits(given.rateLimits, 'rateLimits', issues),
    ...(limiter === undefined ? {} : { limiter }),
    outcomeLookup: checkOutcomeLookup(given.outcomeLookup, issues),
  }
}
