import { Observable } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import type { JobEstimate } from '../schedules/JobEstimate.js'
import type { PollEvent } from './PollEvent.js'
import type { WatchOptions } from './WatchOptions.js'

/**
 * A watched job with the schedule's estimate of when it will finish, as of the same answer.
 *
 * @example
 * ```ts
 * import type { EstimatedJob } from 'pixii-rx/advanced'
 * const line = ({ job, estimate }: EstimatedJob): string => `${job.id} ${job.status}${estimate.kind === 'estimate' ? ` (ETA ${new Date(estimate.at).toISOString()})` : ''}`
 * ```
 */
export interface EstimatedJob {
  readonly job: Job
  readonly estimate: JobEstimate
}

const noEstimate: JobEstimate = { kind: 'none', reason: 'no-evidence' }

/**
 * `watchJob$` with an estimate of the end: emits the job with its {@link JobEstimate} on every
 * answer (a new status, or the same one with a fresh estimate), so a view can show an ETA that
 * moves as the job runs. It makes no request `watchJob$` would not make: the estimate is the one
 * the schedule reports on each poll event (the default `adaptiveSchedule` estimates once it has
 * seen five jobs of a kind finish; other schedules give none). It completes, and fails, as
 * `watchJob$` does.
 *
 * @param client - Anything with the client's `watchJob$` (a `PixiiClient`).
 * @param id - The job id.
 * @param options - As for `watchJob$`; `onPoll`, if given, is still called.
 * @throws In the error channel, what `watchJob$` fails with (`JobFailed` after a failed job, `Timeout`,
 * `RetriesExhausted`, a `ValidationError` for bad options), unchanged.
 *
 * @example
 * ```ts
 * import { lastValueFrom, Observable, toArray } from 'rxjs'
 * import type { Job, WatchOptions } from 'pixii-rx'
 * import { watchWithEstimate$ } from 'pixii-rx/advanced'
 * const job: Job = {
 *   id: 'job_1', job_type: 'Scale', status: 'processing', created_at: '2026-01-01T00:00:00Z', started_at: '2026-01-01T00:00:10Z',
 *   completed_at: null, credit_cost: 10, credits_refunded: 0, output: null, error_code: null,
 * }
 * // A stand-in for a client whose schedule has learned: two answers, the second without a new status.
 * const pixii = {
 *   watchJob$: (id: string, options?: WatchOptions) =>
 *     new Observable<Job>((subscriber) => {
 *       const poll = (attempt: number, emitted: boolean, at: number) =>
 *         options?.onPoll?.({
 *           subject: id, attempt, requestedAt: 0, answeredAt: 0, outcome: { kind: 'job', status: 'processing', emitted },
 *           decision: { kind: 'wait', delayMs: 4_700, reason: 'schedule' },
 *           estimate: { kind: 'estimate', at, low: at - 20_000, high: at + 20_000, coverage: 0.8, samples: 40 },
 *         })
 *       poll(1, true, 130_000)
 *       subscriber.next(job)
 *       poll(2, false, 125_000)
 *       subscriber.complete()
 *     }),
 * }
 * const seen = await lastValueFrom(watchWithEstimate$(pixii, 'job_1').pipe(toArray()))
 * console.log(seen.map(({ job, estimate }) => `${job.status} ${estimate.kind === 'estimate' ? estimate.at / 1000 : '-'}`).join(', '))
 * // Output: processing 130, processing 125
 * ```
 */
export function watchWithEstimate$(
  client: { watchJob$(id: string, options?: WatchOptions): Observable<Job> },
  id: string,
  options: WatchOptions = {},
): Observable<EstimatedJob> {
  return new Observable<EstimatedJob>((subscriber) => {
    let latest: Job | undefined
    let estimate = noEstimate
    const onPoll = (event: PollEvent): void => {
      options.onPoll?.(event)
      if (event.outcome.kind !== 'job' || event.estimate === undefined) return
      estimate = event.estimate
      // A new status arrives as a job right after this event; the same status, only here.
      if (!event.outcome.emitted && latest !== undefined) subscriber.next({ job: latest, estimate })
    }
    return client.watchJob$(id, { ...options, onPoll }).subscribe({
      next: (job) => {
        latest = job
        subscriber.next({ job, estimate })
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    })
  })
}
