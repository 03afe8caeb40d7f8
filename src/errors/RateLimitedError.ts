import { PixiiErrorBase, type PixiiErrorInit } from './PixiiErrorBase.js'

/**
 * The organisation's submission limit was reached (HTTP 429). Retryable, but only after
 * `retryAfterMs`, which comes from the `Retry-After` header (seconds or HTTP date) or the body.
 *
 * @example
 * ```ts
 * import { RateLimitedError } from 'pixii-rx'
 * const error = new RateLimitedError({ message: 'Rate limited', retryAfterMs: 12_000, window: 'minute' })
 * console.log(error.retryable, error.retryAfterMs, error.window)
 * // Output: true 12000 minute
 * ```
 */
export class RateLimitedError extends PixiiErrorBase {
  readonly _tag = 'RateLimited' as const
  override readonly name = 'RateLimitedError' as const
  readonly retryable = true as const
  /** How long the server asked us to wait, in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined
  /** Which limit was hit, when the server said. */
  readonly window: 'minute' | 'day' | undefined

  constructor(init: PixiiErrorInit & { readonly retryAfterMs?: number; readonly window?: 'minute' | 'day' }) {
    super(init)
    this.retryAfterMs = init.retryAfterMs
    this.window = init.window
  }
}
