import { Observable, type Observer, type Subscriber, type Subscription } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import type { JobEvent } from './JobEvent.js'

/** What one job's loop tells the merged stream; a class, so that ten thousand of them share their methods. */
class JobEventRelay implements Observer<Job> {
  inner: Subscription | undefined = undefined
  ended = false

  constructor(
    private readonly id: string,
    private readonly events: Subscriber<JobEvent>,
    private readonly onEnd: (relay: JobEventRelay) => void,
  ) {}

  next(job: Job): void {
    this.events.next({ kind: 'job', id: this.id, status: job.status, job })
  }

  error(error: unknown): void {
    if (!isPixiiError(error)) return this.events.error(error)
    this.events.next({ kind: 'error', id: this.id, error })
    this.end()
  }

  complete(): void {
    this.end()
  }

  private end(): void {
    this.ended = true
    this.onEnd(this)
  }
}

/**
 * Every job's loop merged into one stream of {@link JobEvent}s: a job's Pixii error is an
 * `error` event and the others go on; any other error ends the stream. It completes when every
 * job's loop has ended. Written out rather than as `merge` of mapped streams, which costs several
 * subscribers and closures per job, because one watch may hold ten thousand idle jobs.
 */
export function eachJob$(ids: readonly string[], loop$: (id: string) => Observable<Job>): Observable<JobEvent> {
  return new Observable<JobEvent>((subscriber) => {
    let open = ids.length
    const onEnd = (relay: JobEventRelay) => {
      if (relay.inner !== undefined) subscriber.remove(relay.inner)
      open -= 1
      if (open === 0) subscriber.complete()
    }
    for (const id of ids) {
      if (subscriber.closed) return
      const relay = new JobEventRelay(id, subscriber, onEnd)
      const inner = loop$(id).subscribe(relay)
      if (!relay.ended) {
        relay.inner = inner
        subscriber.add(inner)
      }
    }
    if (ids.length === 0) subscriber.complete()
  })
}
