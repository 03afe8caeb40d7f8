import { identity, Observable, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import type { TimeoutError } from '../errors/TimeoutError.js'
import { watchTimeoutError } from './watchTimeoutError.js'

/**
 * The overall deadline of one watch of one job: `ms` after subscription it errors with a
 * `TimeoutError` (deadline `total`) that carries the last job seen, and unsubscribes from the
 * source, which aborts the request in flight and clears its timers (the shared loop stops if this
 * was its last subscriber). `false` is no deadline. Applied outside the per-client share, so each
 * subscriber's deadline counts from its own subscription and ends only its own watch.
 */
export function watchDeadline(jobId: string, ms: number | false, scheduler: SchedulerLike): MonoTypeOperatorFunction<Job> {
  if (ms === false) return identity
  return (source) =>
    new Observable<Job>((subscriber) => {
      let last: Job | undefined
      const timeout = (): TimeoutError => watchTimeoutError(jobId, ms, last)
      subscriber.add(scheduler.schedule(() => subscriber.error(timeout()), ms))
      return source.subscribe({
        next: (job) => {
          last = job
          subscriber.next(job)
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      })
    })
}
