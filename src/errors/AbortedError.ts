import { PixiiErrorBase } from './PixiiErrorBase.js'

/**
 * The caller cancelled the request through its `AbortSignal`. Unsubscribing from an Observable never produces this error: it just stops.
 *
 * @example
 * ```ts
 * import { AbortedError } from 'pixii-rx'
 * const error = new AbortedError({ message: 'Cancelled by the caller' })
 * console.log(error._tag, error.retryable)
 * // Output: Aborted false
 * ```
 */
export class AbortedError extends PixiiErrorBase {
  readonly _tag = 'Aborted' as const
  override readonly name = 'AbortedError' as const
  readonly retryable = false as const
}
