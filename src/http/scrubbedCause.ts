import { redactSecrets } from '../internal/redactSecrets.js'

/** The innermost `cause` of an error chain: where Node's fetch keeps `ECONNREFUSED`. */
export function rootOf(error: unknown): unknown {
  let current = error
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause !== undefined; depth += 1) {
    current = current.cause
  }
  return current
}

/**
 * A copy of a low-level failure that is safe to keep as `cause`: its name, its code, and its
 * message with secrets removed, without the request objects some fetch implementations attach.
 */
export function scrubbedCause(error: unknown, secrets: readonly string[]): Error {
  const root = rootOf(error)
  const source = root instanceof Error ? root : error instanceof Error ? error : new Error(String(error))
  const copy = new Error(redactSecrets(source.message, secrets))
  copy.name = source.name
  const code = (source as { code?: unknown }).code
  if (typeof code === 'string') Object.assign(copy, { code })
  return copy
}
