import { catchError, concat, defer, map, mergeMap, of, throwError, type Observable } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import { ValidationError } from '../errors/ValidationError.js'
import type { WatchOptions } from '../watch/WatchOptions.js'
import { loopSettings } from '../watch/loopSettings.js'
import type { WatchDefaults } from '../watch/WatchDefaults.js'
import type { SubmitterSettings } from './SubmitterSettings.js'
import type { RunManyEvent } from './RunManyEvent.js'
import type { RunManyOptions } from './RunManyOptions.js'
import type { Submission } from './Submission.js'
import type { SubmissionFeed } from './SubmissionFeed.js'
import { checkConcurrency } from './submitMany.js'
import type { SubmitManyOptions } from './SubmitManyOptions.js'
import type { SubmitManyResult } from './SubmitManyResult.js'

/**
 * The `runMany$` of a client: `submitMany$`, then a watch of each accepted job, all at once. The
 * options are checked before anything is sent, so a bad watch option never costs a submission.
 */
export function runManyFor(
  settings: WatchDefaults & SubmitterSettings,
  submitMany$: (requests: SubmissionFeed<Submission>, options?: SubmitManyOptions) => Observable<SubmitManyResult>,
  watchJob$: (id: string, options?: WatchOptions) => Observable<Job>,
): (requests: SubmissionFeed<Submission>, options?: RunManyOptions) => Observable<RunManyEvent> {
  return (requests, options = {}) =>
    defer(() => {
      const { watch = {}, ...submitOptions } = options
      const concurrency = checkConcurrency(submitOptions, 'runMany$')
      if (concurrency instanceof ValidationError) return throwError(() => concurrency)
      const loop = loopSettings(settings, watch, 'runMany$ watch')
      if (loop instanceof ValidationError) return throwError(() => loop)
      return submitMany$(requests, submitOptions).pipe(
        mergeMap((result): Observable<RunManyEvent> => {
          if (result.kind === 'failed') return of({ ...result, jobId: undefined })
          const { index, request, accepted, adopted } = result
          const jobId = accepted.job_id
          return concat(
            of<RunManyEvent>({ kind: 'accepted', index, request, jobId, accepted, adopted }),
            watchJob$(jobId, watch).pipe(
              map((job): RunManyEvent => ({ kind: 'job', index, request, jobId, job })),
              catchError((error: unknown) =>
                isPixiiError(error) ? of<RunManyEvent>({ kind: 'failed', index, request, jobId, error }) : throwError(() => error),
              ),
            ),
          )
        }),
      )
    })
}
