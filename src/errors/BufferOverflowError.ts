import { PixiiErrorBase, type PixiiErrorInit } from './PixiiErrorBase.js'

/**
 * A stream's consumer fell so far behind a source that cannot be paused that its buffer reached
 * the hard cap (`toReadable`'s `maxBuffered`). The stream ends with this error rather than grow
 * without bound. Not retryable as such: read faster, raise the cap, or pace the source (see
 * `toReadable`'s `demand`).
 *
 * @example
 * ```ts
 * import { BufferOverflowError } from 'pixii-rx'
 * const error = new BufferOverflowError({ message: 'The consumer is 1000 values behind', maxBuffered: 1_000 })
 * console.log(error._tag, error.maxBuffered, error.retryable)
 * // Output: BufferOverflow 1000 false
 * ```
 */
export class BufferOverflowError extends PixiiErrorBase {
  readonly _tag = 'BufferOverflow' as const
  override readonly name = 'BufferOverflowError' as const
  readonly retryable = false as const
  /** The cap that was reached, in values. */
  readonly maxBuffered: number

  constructor(init: PixiiErrorInit & { readonly maxBuffered: number }) {
    super(init)
    this.maxBuffered = init.maxBuffered
  }
}
