import { filter, Observable, Subscription } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import { jobStep } from './pollJob.js'
import { PushGaveWay } from './PushGaveWay.js'
import { statusRank } from './statusRank.js'

/**
 * A job's transitions from a push stream, read as a poll's answers are (the first job, then only
 * a status that moves forward; completes after `completed`, errors with `JobFailed` after
 * `failed`); when the stream gives way, polling takes over from where it was, never emitting a
 * status already shown. `notOffered` is told when the server has no stream at all.
 */
export function pushThenPoll$(push$: Observable<Job>, poll$: () => Observable<Job>, notOffered: () => void): Observable<Job> {
  return new Observable<Job>((subscriber) => {
    let shown: Job | undefined
    const running = new Subscription()
    running.add(
      push$.subscribe({
        next: (job) => {
          const step = jobStep(job, shown)
          shown = step.shown
          for (const emitted of step.emit) subscriber.next(emitted)
          if (step.stop?.error !== undefined) subscriber.error(step.stop.error)
          else if (step.stop !== undefined) subscriber.complete()
        },
        error: (reason: unknown) => {
          if (reason instanceof PushGaveWay && !reason.offered) notOffered()
          const fresher = filter((job: Job) => shown === undefined || statusRank(job.status) > statusRank(shown.status))
          running.add(poll$().pipe(fresher).subscribe(subscriber))
        },
      }),
    )
    return running
  })
}
