import { asyncScheduler, catchError, defer, map, of, throwError, type OperatorFunction, type SchedulerLike } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import type { JobLogLine } from './JobLogLine.js'

/**
 * Turns a watch (`watchJob$`) into {@link JobLogLine}s: one `job` event per transition, stamped
 * with the scheduler's clock and the time since subscription; a `PixiiError` becomes a final
 * `error` event and the stream completes, so a log keeps the failure as data. Any other error is
 * rethrown. The events are plain objects, ready for `toNdjson`.
 *
 * @param jobId - The job, named in every event (an error may come before any job).
 * @param scheduler - The clock of `at` and `elapsedMs`. Default `asyncScheduler`.
 * @throws Never a `PixiiError`: it becomes an `error` event, and the stream completes. Any other
 * error passes through.
 *
 * @example
 * ```ts
 * import { VirtualTimeScheduler, of, delay } from 'rxjs'
 * import { JobNotFoundError, type Job } from 'pixii-rx'
 * import { jobEvents } from 'pixii-rx/node'
 * const scheduler = new VirtualTimeScheduler()
 * const pending = { id: 'job_1', status: 'pending' } as Job
 * of(pending).pipe(delay(250, scheduler), jobEvents('job_1', scheduler)).subscribe((event) => {
 *   console.log(event.kind, event.at, event.elapsedMs, event.kind === 'job' ? event.status : '')
 * })
 * scheduler.flush()
 * // Output: job 1970-01-01T00:00:00.250Z 250 pending
 * ```
 */
export function jobEvents(jobId: string, scheduler: SchedulerLike = asyncScheduler): OperatorFunction<Job, JobLogLine> {
  return (source) =>
    defer(() => {
      const started = scheduler.now()
      const stamp = () => ({ at: new Date(scheduler.now()).toISOString(), jobId, elapsedMs: scheduler.now() - started })
      return source.pipe(
        map((job): JobLogLine => ({ kind: 'job', ...stamp(), status: job.status, job })),
        catchError((error: unknown) => (isPixiiError(error) ? of<JobLogLine>({ kind: 'error', ...stamp(), error }) : throwError(() => error))),
      )
    })
}
