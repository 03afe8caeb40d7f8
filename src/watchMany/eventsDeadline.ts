import { identity, Observable, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs'
import { TimeoutError } from '../errors/TimeoutError.js'
import type { Job } from '../codecs/Job.js'
import type { JobSummary } from '../codecs/JobSummary.js'
import type { UnfinishedJobs } from './eachJob.js'
import type { JobEvent } from './JobEvent.js'
import { isFinalEvent } from './isFinalEvent.js'
import { describeMs, watchTimeoutError } from '../watch/watchTimeoutError.js'

/** Which jobs a deadline of many jobs answers for. */
export interface DeadlineJobs {
  /** Jobs named up front, followed here through their events; when absent, every job the events show. */
  readonly ids?: readonly string[]
  /** Jobs whose loops' relays keep their state (see `eachJob$`): read when the deadline passes, not followed here. */
  readonly elsewhere?: UnfinishedJobs
}

/**
 * The overall deadline of a watch of many jobs (`watchJobs$`, `watchAsin$`): `ms` after
 * subscription, every job not finished yet (those `elsewhere` first, then those in `ids`, or any
 * seen when no ids are named) gets an `error` event with its own `TimeoutError` (deadline `total`,
 * the last job seen), then the stream completes, which stops every loop. If no job was open (a
 * listing that never answered), the stream errors with one `TimeoutError` naming `label`. One
 * timer however many jobs: a watch may hold ten thousand. `false` is no deadline.
 */
export function eventsDeadline(
  ms: number | false,
  scheduler: SchedulerLike,
  label: string,
  jobs: DeadlineJobs = {},
): MonoTypeOperatorFunction<JobEvent> {
  if (ms === false) return identity
  const { ids, elsewhere } = jobs
  return (source) =>
    new Observable<JobEvent>((subscriber) => {
      // The last job or summary seen per unfinished id followed here: objects the loops hold
      // anyway. Jobs `elsewhere` cost this map nothing (heap benchmark, 10,000 watches).
      const open = new Map<string, Job | JobSummary | undefined>(ids?.map((id) => [id, undefined]))
      const follow = (id: string, seen: Job | JobSummary): void => {
        if (ids === undefined || open.has(id)) open.set(id, seen)
      }
      const expire = (): void => {
        const unfinished = [...(elsewhere?.unfinished() ?? []), ...open]
        if (unfinished.length === 0) {
          const message = `${label} not finished within ${describeMs(ms)} (no answer yet)`
          return subscriber.error(new TimeoutError({ message, deadline: 'total', ms }))
        }
        for (const [id, seen] of unfinished) {
          const job = seen !== undefined && 'output' in seen ? seen : undefined
          const error = watchTimeoutError(id, ms, job, job === undefined ? seen : undefined)
          subscriber.next({ kind: 'error', id, error })
          if (subscriber.closed) return
        }
        subscriber.complete()
      }
      subscriber.add(scheduler.schedule(expire, ms))
      return source.subscribe({
        next: (event) => {
          if (isFinalEvent(event)) open.delete(event.id)
          else if (event.kind === 'job') follow(event.id, event.job)
          else if (event.kind === 'status') follow(event.id, event.summary)
          subscriber.next(event)
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      })
    })
}
