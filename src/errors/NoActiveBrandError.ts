import { PixiiErrorBase } from './PixiiErrorBase.js'

/**
 * The organisation has no brand set up (HTTP 422 `NO_ACTIVE_BRAND`). Retrying unchanged cannot help.
 *
 * @example
 * ```ts
 * import { NoActiveBrandError } from 'pixii-rx'
 * const error = new NoActiveBrandError({ message: 'No active brand' })
 * console.log(error._tag, error.retryable)
 * // Output: NoActiveBrand false
 * ```
 */
export class NoActiveBrandError extends PixiiErrorBase {
  readonly _tag = 'NoActiveBrand' as const
  override readonly name = 'NoActiveBrandError' as const
  readonly retryable = false as const
}
