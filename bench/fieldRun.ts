import { Observable } from 'rxjs'
import type { PollEvent, PollSchedule } from '../src/index.js'
import { Dated } from '../src/http/Dated.js'
import { defaultRetryPolicy } from '../src/schedules/RetryPolicy.js'
import { pollJob$ } from '../src/watch/pollJob.js'
import { HeapScheduler } from './heapScheduler.js'
import { seededRandom, type ModelJob } from './jobModel.js'
import { snapshotAt } from './pollModelJob.js'

/** How one job of a field run went: requests, how late its end was seen, and how its estimates fared. */
export interface FieldResult {
  readonly requests: number
  readonly latencyMs: number
  /** Answers before the end that carried an estimate, and how many of those intervals held the end. */
  readonly estimates: number
  readonly inside: number
  /** Answers before the end with no estimate. */
  readonly unestimated: number
  /** The job's first estimate: whether its interval held the end (undefined: it had none). */
  readonly firstInside: boolean | undefined
}

/** How far the client's clock is behind Pixii's at a true time (Pixii's clock minus the client's), in ms. */
export type ClockOffset = (trueTime: number) => number

/** Half the round trip: the server answers this long after the request, and the answer arrives this long after. */
export const HALF_TRIP_MS = 50

/**
 * Watches every job with one client's schedule, all at once on one virtual clock, as a client
 * does: each watch starts when its job is created and the schedule learns only from jobs that
 * ended before. Pixii's clock is the true time; the client's differs by `offset` (which may step
 * mid-run). Each poll is answered `HALF_TRIP_MS` after it is sent with the job as it is then and a
 * `Date` header in whole seconds, and arrives as much later.
 */
export function fieldRun(jobs: readonly ModelJob[], schedule: PollSchedule, offset: ClockOffset = () => 0, seed = 7): FieldResult[] {
  const first = jobs[0]
  if (first === undefined) return []
  const clock = new HeapScheduler(first.createdAt)
  const client = clock.viewFrom(offset)
  const random = seededRandom(seed)
  const results: FieldResult[] = []
  jobs.forEach((model, index) => {
    let requests = 0
    let detectedAt = Number.NaN
    let estimates = 0
    let inside = 0
    let unestimated = 0
    let firstInside: boolean | undefined
    const poll = () =>
      new Observable<Dated<ReturnType<typeof snapshotAt>>>((subscriber) => {
        requests += 1
        const answer = clock.schedule(() => {
          const now = clock.now()
          const dated = new Dated(snapshotAt(model, now), Math.floor(now / 1000) * 1000)
          answer.add(clock.schedule(() => {
            subscriber.next(dated)
            subscriber.complete()
          }, HALF_TRIP_MS))
        }, HALF_TRIP_MS)
        return answer
      })
    const onPoll = ({ estimate }: PollEvent): void => {
      if (estimate === undefined || clock.now() >= model.finishedAt) return
      if (estimate.kind !== 'estimate') {
        unestimated += 1
        return
      }
      // The end on the client's clock as it reads now (the estimate is in client time).
      const end = model.finishedAt - offset(clock.now())
      const held = estimate.low <= end && end <= estimate.high
      estimates += 1
      if (held) inside += 1
      firstInside ??= held
    }
    const see = (): void => {
      detectedAt = clock.now()
    }
    clock.schedule(() => {
      pollJob$({ jobId: model.id, poll, schedule, retry: defaultRetryPolicy, scheduler: client, random, keyKind: model.key, onPoll }).subscribe({
        complete: see,
        error: see,
      })
    }, model.createdAt - first.createdAt)
    results[index] = {
      get requests() {
        return requests
      },
      get latencyMs() {
        return detectedAt - model.finishedAt
      },
      get estimates() {
        return estimates
      },
      get inside() {
        return inside
      },
      get unestimated() {
        return unestimated
      },
      get firstInside() {
        return firstInside
      },
    }
  })
  clock.flush()
  return results.map((result) => ({ ...result }))
}
