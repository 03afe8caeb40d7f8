import { Observable, type Observer, type Subscriber, type Unsubscribable } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import { isTerminalStatus } from '../codecs/JobStatus.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import type { JobEvent } from './JobEvent.js'

/** Jobs whose state their own loops' relays keep, for a deadline to read when it passes. */
export interface UnfinishedJobs {
  /** Each job not finished yet, in the order given, with the last job seen (`undefined` before its first answer). */
  unfinished(): Array<readonly [id: string, last: Job | undefined]>
}

// What a relay's `last` holds once its job's loop has ended: one field says both, one slot less per job.
const ended = Symbol('ended')

/** What one job's loop tells the merged stream; a class, so that ten thousand of them share their methods. */
class JobEventRelay implements Observer<Job> {
  inner: Unsubscribable | undefined = undefined
  /** The last job emitted (the loop holds it anyway), what a deadline reports; `ended` once the loop has ended. */
  last: Job | undefined | typeof ended = undefined

  constructor(
    readonly id: string,
    private readonly relays: JobRelays,
  ) {}

  next(job: Job): void {
    this.last = job
    this.relays.events?.next({ kind: 'job', id: this.id, status: job.status, job })
  }

  error(error: unknown): void {
    if (!isPixiiError(error)) return this.relays.events?.error(error)
    this.relays.events?.next({ kind: 'error', id: this.id, error })
    this.end()
  }

  complete(): void {
    this.end()
  }

  get ended(): boolean {
    return this.last === ended
  }

  private end(): void {
    this.last = ended
    this.relays.onEnd(this)
  }
}

/**
 * The relays of one subscription of {@link eachJob$}, in the order of its ids: they hold each
 * job's last state, so that a deadline over those jobs needs no map of its own (an idle job costs
 * one array slot here, where a map entry would cost several), and they are the subscription's
 * teardown. Ended relays drop what they held and are swept out once they are half of the list.
 */
export class JobRelays implements UnfinishedJobs, Unsubscribable {
  events: Subscriber<JobEvent> | undefined = undefined
  private list: JobEventRelay[] = []
  private open = 0
  private endedInList = 0
  private closed = false

  /** Subscribes every job's loop, relaying to `events`; once per instance. */
  run(ids: readonly string[], loop$: (id: string) => Observable<Job>, events: Subscriber<JobEvent>): void {
    if (this.events !== undefined) throw new Error('JobRelays serve one subscription')
    this.events = events
    this.open = ids.length
    for (const id of ids) {
      if (events.closed) return
      const relay = new JobEventRelay(id, this)
      this.list.push(relay)
      const inner = loop$(id).subscribe(relay)
      // Unsubscribed while subscribing (a late subscriber of a shared loop gets its job at once).
      if (this.closed) inner.unsubscribe()
      else if (!relay.ended) relay.inner = inner
    }
    if (ids.length === 0) events.complete()
  }

  onEnd(relay: JobEventRelay): void {
    relay.inner = undefined
    this.endedInList += 1
    if (this.endedInList * 2 > this.list.length) {
      this.list = this.list.filter((candidate) => !candidate.ended)
      this.endedInList = 0
    }
    this.open -= 1
    if (this.open === 0) this.events?.complete()
  }

  unfinished(): Array<readonly [string, Job | undefined]> {
    const unfinished: Array<readonly [string, Job | undefined]> = []
    for (const { id, last } of this.list) {
      if (last !== ended && (last === undefined || !isTerminalStatus(last.status))) unfinished.push([id, last])
    }
    return unfinished
  }

  unsubscribe(): void {
    this.closed = true
    for (const relay of this.list) relay.inner?.unsubscribe()
  }
}

/**
 * Every job's loop merged into one stream of {@link JobEvent}s: a job's Pixii error is an
 * `error` event and the others go on; any other error ends the stream. It completes when every
 * job's loop has ended. Written out rather than as `merge` of mapped streams, which costs several
 * subscribers and closures per job, because one watch may hold ten thousand idle jobs. `relays`,
 * when given, are those of the one subscription this Observable will get, for a deadline to read.
 */
export function eachJob$(ids: readonly string[], loop$: (id: string) => Observable<Job>, relays?: JobRelays): Observable<JobEvent> {
  return new Observable<JobEvent>((subscriber) => {
    const own = relays ?? new JobRelays()
    subscriber.add(own)
    own.run(ids, loop$, subscriber)
  })
}
