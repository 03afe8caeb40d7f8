import { PixiiErrorBase } from './PixiiErrorBase.js'

/**
 * The key is missing, unknown or revoked (HTTP 401 or 403). Never retried: the same key will be refused again.
 *
 * @example
 * ```ts
 * import { UnauthorizedError } from 'pixii-rx'
 * const error = new UnauthorizedError({ message: 'The API key was refused' })
 * console.log(error._tag, error.retryable)
 * // Output: Unauthorized false
 * ```
 */
export class UnauthorizedError extends PixiiErrorBase {
  readonly _tag = 'Unauthorized' as const
  override readonly name = 'UnauthorizedError' as const
  readonly retryable = false as const
}
