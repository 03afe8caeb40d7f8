/**
 * Options of `toReadable` and `toAsyncIterable`. Both counts are in values (the streams are in
 * object mode), and `maxBuffered` must be at least `highWaterMark`.
 *
 * @example
 * ```ts
 * import type { ToReadableOptions } from 'pixii-rx/node'
 * const options: ToReadableOptions = { highWaterMark: 100, maxBuffered: 10_000 }
 * ```
 */
export interface ToReadableOptions {
  /** Values buffered before the stream counts as full and `Demand` sources wait. Default 16, Node's default for object streams. */
  readonly highWaterMark?: number
  /** The hard cap: past this many buffered values the stream fails with `BufferOverflow` instead of growing. Default 1 000. */
  readonly maxBuffered?: number
}

/**
 * The defaults of {@link ToReadableOptions}.
 *
 * @example
 * ```ts
 * import { defaultReadableOptions } from 'pixii-rx/node'
 * console.log(defaultReadableOptions.highWaterMark, defaultReadableOptions.maxBuffered)
 * // Output: 16 1000
 * ```
 */
export const defaultReadableOptions = { highWaterMark: 16, maxBuffered: 1_000 } as const
