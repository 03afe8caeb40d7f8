/**
 * An answer of the proxy's own, in Pixii's error shape (`{ code, message, detail? }`), so that
 * the client maps it as it maps Pixii's.
 *
 * @example
 * ```ts
 * import type { Refusal } from './Refusal.js'
 * const refusal: Refusal = { status: 400, code: 'VALIDATION_ERROR', message: 'asin: given 2 times; give it once', detail: 'asin' }
 * console.log(refusal.status, refusal.code)
 * // Output: 400 VALIDATION_ERROR
 * ```
 */
export interface Refusal {
  readonly status: number
  readonly code: string
  readonly message: string
  /** Which parameter was wrong, as Pixii's `detail` says it: the client makes it the path. */
  readonly detail?: string
  readonly headers?: Readonly<Record<string, string>>
  /** Seconds to wait, as Pixii's `retry_after` says it (a quota refusal). */
  readonly retryAfter?: number
}

/** The body of a refusal: Pixii's error shape, as JSON. */
export function refusalBody({ code, message, detail, retryAfter }: Refusal): string {
  return JSON.stringify({ code, message, ...(detail === undefined ? {} : { detail }), ...(retryAfter === undefined ? {} : { retry_after: retryAfter }) })
}
