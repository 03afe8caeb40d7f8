import * as t from 'io-ts'
import { redactSecrets } from '../internal/redactSecrets.js'
import type { DecodeIssue } from './DecodeError.js'

const maxShownChars = 80

/** A secret-free, bounded rendering of a value for a message; `secrets` are redacted too, whatever their shape. */
export function showValue(value: unknown, secrets: readonly string[] = []): string {
  if (value === undefined) return 'undefined'
  let shown: string
  try {
    shown = typeof value === 'function' ? 'a function' : (JSON.stringify(value) ?? (typeof value === 'symbol' ? value.toString() : typeof value))
  } catch {
    shown = Object.prototype.toString.call(value)
  }
  shown = redactSecrets(shown, secrets)
  return shown.length > maxShownChars ? `${shown.slice(0, maxShownChars - 1)}…` : shown
}

function redactedCopy(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets)
  if (value === null || typeof value !== 'object') return value
  try {
    return JSON.parse(redactSecrets(JSON.stringify(value), secrets)) as unknown
  } catch {
    return showValue(value, secrets)
  }
}

const isMemberIndex = (parent: t.ContextEntry | undefined): boolean =>
  parent?.type instanceof t.UnionType || parent?.type instanceof t.IntersectionType

/** The slash-separated path of a context, without the root and without union member indexes. */
function pathOf(context: t.Context): string {
  return context
    .filter((_entry, index) => index > 0 && !isMemberIndex(context[index - 1]))
    .map((entry) => entry.key)
    .join('/')
}

/**
 * An error from the `null` branch of a nullable union is noise when another branch of the same
 * union failed deeper inside the value: that deeper error says what is really wrong.
 */
function isNullBranchNoise(error: t.ValidationError, errors: t.Errors): boolean {
  const depth = error.context.length
  const last = error.context[depth - 1]
  const union = error.context[depth - 2]
  if (!(union?.type instanceof t.UnionType) || (last?.type !== t.null && last?.type !== t.undefined)) return false
  return errors.some((other) => other.context.length > depth && other.context[depth - 2] === union)
}

/**
 * Turns io-ts errors into one issue per path: the branches of a union that failed at the same
 * place are merged (`expected string | null`), and values are redacted (with `secrets`, such as
 * the configured API key, whatever its shape).
 */
export function validationIssues(errors: t.Errors, secrets: readonly string[] = []): DecodeIssue[] {
  const byPath = new Map<string, { expected: string[]; actual: unknown }>()
  for (const error of errors) {
    if (isNullBranchNoise(error, errors)) continue
    const path = pathOf(error.context)
    const expected = error.context[error.context.length - 1]?.type.name ?? 'unknown'
    const entry = byPath.get(path) ?? { expected: [], actual: error.value }
    if (!entry.expected.includes(expected)) entry.expected.push(expected)
    byPath.set(path, entry)
  }
  return [...byPath].map(([path, { expected, actual }]) => ({
    path,
    expected: expected.join(' | '),
    actual: redactedCopy(actual, secrets),
  }))
}

/** `status: expected "pending" | "processing", got "done"`, one clause per issue, `; ` between. */
export function formatIssues(issues: readonly DecodeIssue[]): string {
  return issues
    .map(({ path, expected, actual }) => `${path === '' ? '' : `${path}: `}expected ${expected}, got ${showValue(actual)}`)
    .join('; ')
}
