import { PixiiErrorBase } from './PixiiErrorBase.js'

/**
 * The organisation has too few credits for this submission (HTTP 400 `INSUFFICIENT_CREDITS`). Retrying unchanged cannot help.
 *
 * @example
 * ```ts
 * import { InsufficientCreditsError } from 'pixii-rx'
 * const error = new InsufficientCreditsError({ message: 'Not enough credits' })
 * console.log(error._tag, error.retryable)
 * // Output: InsufficientCredits false
 * ```
 */
export class InsufficientCreditsError extends PixiiErrorBase {
  readonly _tag = 'InsufficientCredits' as const
  override readonly name = 'InsufficientCreditsError' as const
  readonly retryable = false as const
}
