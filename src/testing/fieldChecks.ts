/**
 * What is wrong with one field of a request: `field` is its path (`items[0].platform`),
 * `reason` says what was expected.
 *
 * @example
 * ```ts
 * import type { Problem } from './fieldChecks.js'
 * const problem: Problem = { field: 'country_code', reason: 'must be one of AE, AU, …' }
 * ```
 */
export interface Problem {
  readonly field: string
  readonly reason: string
}

type Check = (value: unknown, field: string) => Problem | undefined

const problem = (field: string, reason: string): Problem => ({ field, reason })
const absent = (value: unknown): boolean => value === undefined || value === null

const text = (min: number, max = Infinity): Check => (value, field) =>
  typeof value !== 'string' || value.trim().length < min || value.length > max
    ? problem(field, max === Infinity ? `must be a string of at least ${min} character(s)` : `must be a string of ${min} to ${max} characters`)
    : undefined

const url: Check = (value, field) => {
  if (typeof value !== 'string' || !/^https?:\/\/[^\s/]+/.test(value)) return problem(field, 'must be an http(s) URL')
  return undefined
}

const oneOf = (allowed: readonly string[]): Check => (value, field) =>
  typeof value === 'string' && allowed.includes(value) ? undefined : problem(field, `must be one of ${allowed.join(', ')}`)

const list = (each: Check, min: number, max = Infinity): Check => (value, field) => {
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    return problem(field, max === Infinity ? `must be an array of at least ${min} element(s)` : `must be an array of ${min} to ${max} elements`)
  }
  for (const [i, item] of value.entries()) {
    const found = each(item, `${field}[${i}]`)
    if (found) return found
  }
  return undefined
}

const optional = (check: Check): Check => (value, field) => (absent(value) ? undefined : check(value, field))

/** Checks the fields of an object against `shape`, reporting the first problem in `shape` order. */
const object = (shape: Readonly<Record<string, Check>>): Check => (value, field) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem(field, 'must be a JSON object')
  const record = value as Record<string, unknown>
  for (const [name, check] of Object.entries(shape)) {
    const found = check(record[name], field === '' ? name : `${field}.${name}`)
    if (found) return found
  }
  return undefined
}

/**
 * Small composable validators: each takes a value and its field path and returns the first
 * `Problem`, or `undefined` when the value is acceptable.
 *
 * @example
 * ```ts
 * import { checks } from './fieldChecks.js'
 * const item = checks.object({ asset_type: checks.text(1) })
 * console.log(JSON.stringify(item({ asset_type: '' }, 'items[0]')))
 * // Output: {"field":"items[0].asset_type","reason":"must be a string of at least 1 character(s)"}
 * ```
 */
export const checks = { text, url, oneOf, list, optional, object, problem }
