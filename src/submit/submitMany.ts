import { catchError, defer, map, of, throwError, type Observable } from 'rxjs'
import { isPixiiError } from '../errors/isPixiiError.js'
import { invalidInput } from '../errors/invalidInput.js'
import { ValidationError } from '../errors/ValidationError.js'
import type { SubmittedJob } from './createSubmitter.js'
import { mergePulled } from '../rx/mergePulled.js'
import type { Submission } from './Submission.js'
import type { SubmissionFeed } from './SubmissionFeed.js'
import type { SubmitManyOptions } from './SubmitManyOptions.js'
import type { SubmitManyResult } from './SubmitManyResult.js'

/** Checks `concurrency`; a bad value is a `ValidationError` naming it. */
export function checkConcurrency(options: SubmitManyOptions, caller: string): number | ValidationError {
  const concurrency = options.concurrency ?? 1
  if (Number.isInteger(concurrency) && concurrency >= 1) return concurrency
  return invalidInput(`Invalid ${caller} options`, [{ path: 'concurrency', message: `expected an integer ≥ 1, got ${String(concurrency)}` }])
}

/**
 * The `submitMany$` of a client: each request through the client's submitter (limiter, safe
 * retries, look-up of lost answers), at most `concurrency` at once, pulled from the input only as
 * they can go. A request's failure is a `failed` value, never the end of the stream.
 */
export function submitManyFor(
  submit$: (submission: Submission) => Observable<SubmittedJob>,
): (requests: SubmissionFeed<Submission>, options?: SubmitManyOptions) => Observable<SubmitManyResult> {
  return (requests, options = {}) =>
    defer(() => {
      const concurrency = checkConcurrency(options, 'submitMany$')
      if (concurrency instanceof ValidationError) return throwError(() => concurrency)
      return mergePulled(requests, concurrency, (request, index) =>
        submit$(request).pipe(
          map(({ accepted, adopted }): SubmitManyResult => ({ kind: 'accepted', index, request, accepted, adopted })),
          catchError((error: unknown) =>
            isPixiiError(error) ? of<SubmitManyResult>({ kind: 'failed', index, request, error }) : throwError(() => error),
          ),
        ),
      )
    })
}
