import type { either, taskEither } from 'fp-ts'
import { left, right } from '../internal/either.js'
import type { Observable, Subscription } from 'rxjs'
import { AbortedError } from '../errors/AbortedError.js'
import type { PixiiError } from '../errors/PixiiError.js'

/**
 * Options of the TaskEither form of a call.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import { type CallOptions } from 'pixii-rx/advanced'
 * const pixii = createPixiiClient({ apiKey: 'pk_test_abc', baseUrl: 'http://127.0.0.1:9' })
 * const options: CallOptions = { signal: AbortSignal.abort() }
 * const result = await pixii.getJob('job_1', options)()
 * console.log(result._tag === 'Left' ? result.left._tag : 'answered')
 * // Output: Aborted
 * ```
 */
export interface CallOptions {
  /** Aborts the request; the task then resolves to a `Left` of `AbortedError`. */
  readonly signal?: AbortSignal
}

/**
 * Runs a one-answer Observable as an fp-ts `TaskEither`: the task never rejects; it resolves to
 * `Right` with the answer or `Left` with the {@link PixiiError}. Each run of the task makes its
 * own request, and an abort through `signal` unsubscribes (aborting the request in flight).
 *
 * @param source - A one-answer Observable, such as a `getJob$`.
 * @param options - A `signal` to abort with.
 * @throws Never: the task never rejects. Failures are a `Left`, an abort the `Left` of an {@link AbortedError}.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs'
 * import { toTaskEither } from './toTaskEither.js'
 * const task = toTaskEither(of(42))
 * console.log(await task())
 * // Output: { _tag: 'Right', right: 42 }
 * ```
 */
export function toTaskEither<A>(source: Observable<A>, options: CallOptions = {}): taskEither.TaskEither<PixiiError, A> {
  return () =>
    new Promise<either.Either<PixiiError, A>>((resolve) => {
      const { signal } = options
      const aborted = (): AbortedError => new AbortedError({ message: 'The call was aborted by its AbortSignal' })
      if (signal?.aborted === true) return resolve(left(aborted()))
      let subscription: Subscription | undefined
      const onAbort = (): void => {
        subscription?.unsubscribe()
        resolve(left(aborted()))
      }
      const finish = (result: either.Either<PixiiError, A>): void => {
        signal?.removeEventListener('abort', onAbort)
        resolve(result)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      let last: { readonly value: A } | undefined
      subscription = source.subscribe({
        next: (value) => {
          last = { value }
        },
        error: (error: PixiiError) => finish(left(error)),
        // The sources are one-answer calls: completing empty can only mean they were cut short.
        complete: () => finish(last === undefined ? left(aborted()) : right(last.value)),
      })
    })
}
