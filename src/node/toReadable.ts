import { Readable } from 'node:stream'
import { BehaviorSubject, concatMap, distinctUntilChanged, filter, Subscription, take, type Observable } from 'rxjs'
import { BufferOverflowError } from '../errors/BufferOverflowError.js'
import { ValidationError } from '../errors/ValidationError.js'
import type { Demand } from './Demand.js'
import { defaultReadableOptions, type ToReadableOptions } from './ToReadableOptions.js'

function checked(options: ToReadableOptions): Required<ToReadableOptions> {
  const { highWaterMark, maxBuffered } = { ...defaultReadableOptions, ...options }
  const issues = [
    ...(Number.isInteger(highWaterMark) && highWaterMark >= 1 ? [] : [{ path: 'highWaterMark', message: `expected an integer ≥ 1, got ${highWaterMark}` }]),
    ...(Number.isInteger(maxBuffered) && maxBuffered >= highWaterMark
      ? []
      : [{ path: 'maxBuffered', message: `expected an integer ≥ highWaterMark (${highWaterMark}), got ${maxBuffered}` }]),
  ]
  if (issues.length > 0) {
    throw new ValidationError({ message: `toReadable: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, source: 'client', issues })
  }
  return { highWaterMark, maxBuffered }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}

/**
 * An object-mode `Readable` of an Observable's values, for `pipeline()`, `for await` and every
 * Node API that takes a stream.
 *
 * - Lazy: the source is subscribed at the first read.
 * - Buffered: up to `highWaterMark` values. A source given as a function receives a
 *   {@link Demand}; work wrapped in `demand.ready(...)` waits while the reader is slow, so paged
 *   lists and one-at-a-time submissions stop pulling (pass `pace: demand.ready` to `listJobs$`).
 * - Bounded: a source that cannot be paced and outruns its reader by `maxBuffered` values ends
 *   the stream with a `BufferOverflow` error instead of filling memory.
 * - Cancellable: destroying the stream (or leaving a `for await` loop early) unsubscribes, which
 *   aborts the request in flight and stops polling. The source's error (a `PixiiError`) destroys
 *   the stream with that error; completion ends it.
 *
 * Values must not be `null` or `undefined`: `null` ends a Node stream.
 *
 * @param source - An Observable, or a function that gets a {@link Demand} and returns one, for sources that can be paced.
 * @param options - `highWaterMark` and `maxBuffered` (see {@link ToReadableOptions}).
 * @throws `ValidationError` (source `client`) at once for invalid options. The stream is destroyed with
 * the source's error, or with a `BufferOverflowError` when a source that cannot be paced gets
 * `maxBuffered` values ahead of its reader.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import { toReadable } from 'pixii-rx/node'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * for (let n = 0; n < 12; n += 1) simulator.createJob({ key: simulator.testKey, asin: 'B0CHX1W1XY' })
 * const pixii = createPixiiClient({ apiKey: simulator.testKey, baseUrl: simulator.url })
 * // The next page is fetched only when the reader has room for it.
 * const jobs = toReadable((demand) => pixii.listJobs$('B0CHX1W1XY', { limit: 5, pace: demand.ready }), { highWaterMark: 5 })
 * const all = (await jobs.toArray()) as unknown[]
 * console.log(all.length, simulator.log.length)
 * await simulator.close()
 * // Output: 12 3
 * ```
 *
 * @see {@link toAsyncIterable} for the same as an async iterator
 * @see {@link toNdjson} to write the values as JSON lines
 */
export function toReadable<T extends object | string | number | boolean | bigint | symbol>(
  source: Observable<T> | ((demand: Demand) => Observable<T>),
  options: ToReadableOptions = {},
): Readable {
  const { highWaterMark, maxBuffered } = checked(options)
  const wanted = new BehaviorSubject(false)
  const demand: Demand = {
    ready: (next$) => wanted.pipe(filter(Boolean), take(1), concatMap(() => next$)),
    wanted$: wanted.pipe(distinctUntilChanged()),
  }
  let subscription: Subscription | undefined

  const readable: Readable = new Readable({
    objectMode: true,
    highWaterMark,
    read() {
      if (subscription === undefined) {
        subscription = new Subscription()
        // Added after subscribing: a source that overflows synchronously has already destroyed
        // the stream, and adding to a closed Subscription unsubscribes at once.
        subscription.add(subscribe(typeof source === 'function' ? source(demand) : source))
      }
      wanted.next(true)
    },
    destroy(error, callback) {
      subscription ??= Subscription.EMPTY
      subscription.unsubscribe()
      wanted.complete()
      callback(error)
    },
  })

  function subscribe(source$: Observable<T>): Subscription {
    return source$.subscribe({
      next: (value) => {
        if (readable.destroyed) return
        if (readable.readableLength >= maxBuffered) {
          const message = `The reader is ${readable.readableLength} values behind, the most this stream buffers (maxBuffered)`
          readable.destroy(new BufferOverflowError({ message, maxBuffered }))
          return
        }
        if (!readable.push(value)) wanted.next(false)
      },
      error: (error: unknown) => readable.destroy(asError(error)),
      complete: () => readable.push(null),
    })
  }

  return readable
}
