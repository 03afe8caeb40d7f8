import type { ValidationIssue } from '../../errors/ValidationError.js'
import type { SubmissionLimits } from './SubmissionLimits.js'

/** Pixii's documented limits per organisation. */
export const defaultSubmissionLimits: Required<SubmissionLimits> = { perMinute: 10, perDay: 500 }

/** Checks submission limits and fills them from the defaults; problems are reported under `path`. */
export function checkSubmissionLimits(value: unknown, path: string, issues: ValidationIssue[]): Required<SubmissionLimits> {
  if (value === undefined) return defaultSubmissionLimits
  if (typeof value !== 'object' || value === null) {
    issues.push({ path, message: `expected an object such as { perMinute: 10, perDay: 500 }, got ${value === null ? 'null' : typeof value}` })
    return defaultSubmissionLimits
  }
  const given = value as Record<string, unknown>
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(defaultSubmissionLimits, name)) issues.push({ path: `${path}.${name}`, message: 'is not a submission limit' })
  }
  const full = { ...defaultSubmissionLimits, ...(given as SubmissionLimits) }
  for (const name of ['perMinute', 'perDay'] as const) {
    const limit = full[name]
    if (!(Number.isInteger(limit) && limit >= 1)) issues.push({ path: `${path}.${name}`, message: `expected an integer ≥ 1, got ${String(limit)}` })
  }
  return full
}
