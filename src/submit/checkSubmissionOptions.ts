import type { ValidationIssue } from '../errors/ValidationError.js'
import { checkSubmissionLimits } from './limiter/checkSubmissionLimits.js'
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
  readonly outcomeLookup: Required<OutcomeLookup>
}

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

/** Checks the client options `rateLimits` and `outcomeLookup`; problems are pushed to `issues`. */
export function checkSubmissionOptions(given: { readonly rateLimits?: unknown; readonly outcomeLookup?: unknown }, issues: ValidationIssue[]): SubmissionSettings {
  return {
    rateLimits: checkSubmissionLimits(given.rateLimits, 'rateLimits', issues),
    outcomeLookup: checkOutcomeLookup(given.outcomeLookup, issues),
  }
}
