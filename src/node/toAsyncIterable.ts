import type { Observable } from 'rxjs'
import type { Demand } from './Demand.js'
import type { ToReadableOptions } from './ToReadableOptions.js'
import { toReadable } from './toReadable.js'

/**
 * An Observable as an async iterator, with the buffering, pacing, cap and cancellation of
 * {@link toReadable}: the source is subscribed at the first `next()`, and leaving a `for await`
 * loop early (`break`, `return`, a throw) unsubscribes. The source's error is thrown from the
 * loop.
 *
 * @param source - An Observable, or a function that gets a {@link Demand} and returns one, for sources that can be paced.
 * @param options - `highWaterMark` and `maxBuffered` (see {@link ToReadableOptions}).
 * @throws `ValidationError` (source `client`) at once for invalid options. The loop throws the source's
 * error, or a `BufferOverflowError` when a source that cannot be paced gets `maxBuffered` values ahead.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import { toAsyncIterable } from 'pixii-rx/node'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * const pixii = createPixiiClient({ apiKey: simulator.testKey, baseUrl: simulator.url })
 * const id = simulator.createJob({ key: simulator.testKey, queuedMs: 100, processingMs: 1_000 })
 * for await (const job of toAsyncIterable(pixii.watchJob$(id))) console.log(job.status)
 * await simulator.close()
 * // Output: pending
 * // Output: processing
 * // Output: completed
 * ```
 */
export function toAsyncIterable<T extends object | string | number | boolean | bigint | symbol>(
  source: Observable<T> | ((demand: Demand) => Observable<T>),
  options: ToReadableOptions = {},
): AsyncIterableIterator<T> {
  return toReadable(source, options)[Symbol.asyncIterator]() as AsyncIterableIterator<T>
}
