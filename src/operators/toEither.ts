import type { either } from 'fp-ts'
import { left, right } from '../internal/either.js'
import { catchError, map, of, pipe, throwError, type OperatorFunction } from 'rxjs'
import { isPixiiError } from '../errors/isPixiiError.js'
import type { PixiiError } from '../errors/PixiiError.js'

/**
 * Moves a stream's {@link PixiiError} into its values: each value becomes a `Right`, a Pixii error
 * becomes a final `Left` and the stream completes. So in `forkJoin` or `merge` one job's failure
 * no longer costs the others' results. Any other error is a bug, not an outcome: it is rethrown
 * unchanged.
 *
 * ```text
 * source:  -a--b--#        # = a PixiiError e
 * result:  -A--B--(L|)     A = right(a), B = right(b), L = left(e)
 * ```
 *
 * @throws Never a {@link PixiiError}: it becomes the last `Left`. Any other error passes through unchanged.
 *
 * @example
 * ```ts
 * import { forkJoin, of, throwError } from 'rxjs'
 * import { JobNotFoundError, toEither } from 'pixii-rx'
 * const found$ = of('job_1')
 * const missing$ = throwError(() => new JobNotFoundError({ message: 'Job job_2 was not found', jobId: 'job_2' }))
 * forkJoin([found$.pipe(toEither()), missing$.pipe(toEither())]).subscribe((results) => {
 *   for (const result of results) console.log(result._tag === 'Right' ? result.right : result.left.message)
 * })
 * // Output: job_1
 * // Output: Job job_2 was not found
 * ```
 *
 * @see {@link completedJob} to keep only the finished job before collecting results
 * @see {@link isPixiiError}
 */
export function toEither<A>(): OperatorFunction<A, either.Either<PixiiError, A>> {
  return pipe(
    map((value: A): either.Either<PixiiError, A> => right(value)),
    catchError((error: unknown) => (isPixiiError(error) ? of(left(error)) : throwError(() => error))),
  )
}
