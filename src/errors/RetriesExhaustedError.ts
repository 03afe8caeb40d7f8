import { PixiiErrorBase, type PixiiErrorInit } from './PixiiErrorBase.js'

/**
 * Transient failures (network, 5xx, 429, request timeouts) went on past the retry budget.
 * `lastError` (also the standard `cause`) is the last of them; `attempts` counts the failures in
 * a row that were tolerated. Not retryable by the same policy: it already tried. As a member of
 * {@link PixiiError}, its `lastError` is any other Pixii error (the type parameter keeps this
 * file from importing the union that names it).
 *
 * @example
 * ```ts
 * import { NetworkError, RetriesExhaustedError } from 'pixii-rx'
 * const lastError = new NetworkError({ message: 'connection refused', failure: 'connection' })
 * const error = new RetriesExhaustedError({ message: 'Gave up after 9 failures', lastError, attempts: 9 })
 * console.log(error._tag, error.lastError._tag, error.cause === lastError)
 * // Output: RetriesExhausted Network true
 * ```
 */
export class RetriesExhaustedError<E extends PixiiErrorBase = PixiiErrorBase> extends PixiiErrorBase {
  readonly _tag = 'RetriesExhausted' as const
  override readonly name = 'RetriesExhaustedError' as const
  readonly retryable = false as const
  /** The last transient failure. */
  readonly lastError: E
  /** How many failures in a row were seen. */
  readonly attempts: number

  constructor(init: PixiiErrorInit & { readonly lastError: E; readonly attempts: number }) {
    super({ ...init, context: init.context ?? init.lastError.context, cause: init.lastError })
    this.lastError = init.lastError
    this.attempts = init.attempts
  }
}
