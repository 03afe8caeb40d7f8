/**
 * Reads a `Retry-After` header in either of its forms: delay seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`, counted from `nowMs`). Returns milliseconds, never negative,
 * or `undefined` when the header is absent or unreadable.
 *
 * @param value - The header: seconds, or an HTTP date.
 * @param nowMs - The current time in milliseconds, to turn an HTTP date into a wait.
 * @throws Never: a value it cannot read gives `undefined`.
 *
 * @example
 * ```ts
 * import { parseRetryAfter } from 'pixii-rx/advanced'
 * const now = Date.parse('2026-01-01T00:00:00Z')
 * console.log(parseRetryAfter('12', now), parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), parseRetryAfter('soon', now))
 * // Output: 12000 30000 undefined
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim()
  if (text === undefined || text === '') return undefined
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  if (!/[A-Za-z]/.test(text)) return undefined
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}
