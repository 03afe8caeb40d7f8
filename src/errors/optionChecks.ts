import type { ValidationIssue } from './ValidationError.js'

// The checks that several options normalisers share (client, watch, proxy). Each pushes an
// issue naming the field and leaves the decision to throw to its caller, so one call reports
// every bad field at once (see invalidInput).

/** Checks that an optional option is a function, or an object with the named method. */
export function checkCallable(value: unknown, path: string, method: string | undefined, issues: ValidationIssue[]): void {
  if (value === undefined) return
  const callable = method === undefined ? value : (value as Record<string, unknown> | null)?.[method]
  if (typeof callable !== 'function') {
    issues.push({ path, message: method === undefined ? 'expected a function' : `expected an object with a ${method}() method` })
  }
}

/** Checks that a numeric option is a positive number (an integer when `integer`). */
export function checkPositive(name: string, value: unknown, integer: boolean, issues: ValidationIssue[]): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value))
  if (!ok) issues.push({ path: name, message: `expected a positive ${integer ? 'integer' : 'number'}, got ${String(value)}` })
}

/** Checks a watch's overall deadline: a positive finite number of milliseconds, or `false` for none. */
export function checkDeadline(name: string, value: unknown, issues: ValidationIssue[]): void {
  if (value === false || (typeof value === 'number' && Number.isFinite(value) && value > 0)) return
  issues.push({ path: name, message: `expected a positive finite number of milliseconds, or false for no deadline, got ${String(value)}` })
}

/** Checks that an optional option is a boolean. */
export function checkBoolean(name: string, value: unknown, issues: ValidationIssue[]): void {
  if (value !== undefined && typeof value !== 'boolean') issues.push({ path: name, message: `expected a boolean, got ${typeof value}` })
}
