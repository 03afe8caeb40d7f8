import type * as t from 'io-ts'
import { ValidationError } from '../errors/ValidationError.js'
import { formatIssues, validationIssues } from '../errors/validationIssues.js'

/** The outcome of checking an input before sending it. */
export type Checked<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: ValidationError }

/**
 * Checks an input against its codec before anything is sent. `prefix` names the input's place
 * (`'jobId'`, or `''` for a request body whose fields are named by the codec).
 */
export function validateInput<A>(codec: t.Decoder<unknown, A>, input: unknown, prefix = ''): Checked<A> {
  const decoded = codec.decode(input)
  if (decoded._tag === 'Right') return { ok: true, value: decoded.right }
  const issues = validationIssues(decoded.left).map((issue) => ({
    ...issue,
    path: [prefix, issue.path].filter((part) => part !== '').join('/'),
  }))
  const message = `Invalid ${codec.name}: ${formatIssues(issues)}`
  const error = new ValidationError({
    message,
    source: 'client',
    issues: issues.map((issue) => ({ path: issue.path, message: formatIssues([{ ...issue, path: '' }]) })),
  })
  return { ok: false, error }
}
