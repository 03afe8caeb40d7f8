import type { ValidationIssue } from '../errors/ValidationError.js'
import { shownUrlOption } from '../internal/shownUrlOption.js'

/** The pages whose requests the proxy serves: its own origin (as its `Host` says), and a list. */
export interface AllowedOrigins {
  /** Whether a page of the origin the request was sent to (its `Origin` names its `Host`) is allowed. */
  readonly sameOrigin: boolean
  /** Origins allowed by name, serialised as browsers send them (`https://app.example`, no slash). */
  readonly origins: ReadonlySet<string>
}

/** The default: pages of the proxy's own origin, and requests that come from no page at all. */
export const sameOriginOnly: AllowedOrigins = { sameOrigin: true, origins: new Set() }

function originOf(entry: unknown): string | undefined {
  if (typeof entry !== 'string' || !URL.canParse(entry)) return undefined
  const url = new URL(entry)
  const bare = url.username === '' && url.password === '' && url.pathname === '/' && url.search === '' && url.hash === ''
  // `https://app.example/` is accepted as the origin it names; a path, a query or `*` is not one.
  return (url.protocol === 'https:' || url.protocol === 'http:') && bare ? url.origin : undefined
}

/**
 * Checks the `allowedOrigins` option: a list of origins (`'https://app.example'`) and, to keep
 * the proxy's own origin, the word `'same-origin'`. Absent, it means `['same-origin']`. A bad
 * entry is an issue that quotes it (never its user-info or query); `'*'` is refused like any
 * other non-origin.
 *
 * @example
 * ```ts
 * import { checkAllowedOrigins } from './checkAllowedOrigins.js'
 * const issues: { path: string; message: string }[] = []
 * const allowed = checkAllowedOrigins(['same-origin', 'https://App.example:443/'], issues)
 * console.log(allowed.sameOrigin, [...allowed.origins], issues.length)
 * checkAllowedOrigins(['*'], issues)
 * console.log(issues[0]?.path)
 * // Output: true [ 'https://app.example' ] 0
 * // Output: allowedOrigins
 * ```
 */
export function checkAllowedOrigins(value: unknown, issues: ValidationIssue[]): AllowedOrigins {
  if (value === undefined) return sameOriginOnly
  const entries = Array.isArray(value) ? (value as unknown[]) : []
  const bad = entries.filter((entry) => entry !== 'same-origin' && originOf(entry) === undefined)
  if (!Array.isArray(value) || bad.length > 0) {
    const got = Array.isArray(value) ? bad.map((entry) => shownUrlOption(entry)).join(', ') : `a ${value === null ? 'null' : typeof value}`
    const message = `expected a list of origins such as "https://app.example" (scheme, host and port only) or 'same-origin', got ${got}`
    issues.push({ path: 'allowedOrigins', message })
    return sameOriginOnly
  }
  const origins = new Set(entries.flatMap((entry) => (entry === 'same-origin' ? [] : [originOf(entry) as string])))
  return { sameOrigin: entries.includes('same-origin'), origins }
}
