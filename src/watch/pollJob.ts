import { Observable, Subscription, type SchedulerLike } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import type { KeyKind } from '../http/KeyKind.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import { JobFailedError } from '../errors/JobFailedError.js'
import type { PixiiError } from '../errors/PixiiError.js'
import { RetriesExhaustedError } from '../errors/RetriesExhaustedError.js'
import type { PollDecision, PollEvent } from './PollEvent.js'
import type { PollSchedule } from './PollSchedule.js'
import { backoffDelayMs, type FullRetryPolicy } from './RetryPolicy.js'
import { statusRank } from './statusRank.js'

/** Everything one polling loop needs; the client fills it from its settings and the watch options. */
export interface PollJobConfig {
  readonly jobId: string
  /** One poll: a cold Observable of one job (the client's `getJob$`). */
  readonly poll: () => Observable<Job>
  readonly schedule: PollSchedule
  readonly retry: FullRetryPolicy
  readonly scheduler: SchedulerLike
  readonly random: () => number
  readonly keyKind: KeyKind
  readonly onPoll?: (event: PollEvent) => void
}

type RetriedError = Exclude<PixiiError, RetriesExhaustedError>

/**
 * The polling loop behind `watchJob$`: polls at once, then as the schedule says; emits the first
 * job and then only status changes (never a status that goes back); completes after `completed`;
 * after `failed` emits it and errors with `JobFailed`. Transient failures are retried with backoff
 * from the schedule's interval, `Retry-After` exactly, up to the retry budget; any other error
 * ends the loop at once. Unsubscribing aborts the request in flight and clears the timer.
 */
export function pollJob$(config: PollJobConfig): Observable<Job> {
  const { jobId, schedule, retry, scheduler, random, keyKind, onPoll } = config
  return new Observable<Job>((subscriber) => {
    const startedAt = scheduler.now()
    let attempt = 0
    let failures = 0
    let shown: Job | undefined
    let step: Subscription | undefined

    const report = (requestedAt: number, outcome: PollEvent['outcome'], decision: PollDecision): void =>
      onPoll?.({ jobId, attempt, requestedAt, answeredAt: scheduler.now(), outcome, decision })
    const context = () => ({ attempt, elapsedMs: scheduler.now() - startedAt, job: shown, keyKind })
    const waitThenPoll = (delayMs: number): void => {
      step = scheduler.schedule(pollOnce, delayMs)
    }

    const onJob = (job: Job, requestedAt: number): void => {
      failures = 0
      const emitted = shown === undefined || statusRank(job.status) > statusRank(shown.status)
      const outcome = { kind: 'job', status: job.status, emitted } as const
      if (emitted) shown = job
      if (emitted && job.status === 'completed') {
        report(requestedAt, outcome, { kind: 'stop', reason: 'completed' })
        subscriber.next(job)
        return subscriber.complete()
      }
      if (emitted && job.status === 'failed') {
        report(requestedAt, outcome, { kind: 'stop', reason: 'failed' })
        subscriber.next(job)
        const message = `Job ${job.id} failed${job.error_code === null ? '' : `: ${job.error_code}`}`
        return subscriber.error(new JobFailedError({ message, job }))
      }
      const delayMs = schedule.nextDelayMs(context())
      report(requestedAt, outcome, { kind: 'wait', delayMs, reason: 'schedule' })
      if (emitted) subscriber.next(job)
      if (!subscriber.closed) waitThenPoll(delayMs)
    }

    const onError = (error: unknown, requestedAt: number): void => {
      if (!isPixiiError(error) || !error.retryable) {
        if (isPixiiError(error)) report(requestedAt, { kind: 'error', error }, { kind: 'stop', reason: 'fatal-error' })
        return subscriber.error(error)
      }
      failures += 1
      const lastError: RetriedError = error
      if (failures > retry.maxConsecutiveFailures) {
        report(requestedAt, { kind: 'error', error }, { kind: 'stop', reason: 'retries-exhausted' })
        const message = `Gave up watching job ${jobId} after ${failures} transient failures in a row; the last: ${error.message}`
        return subscriber.error(new RetriesExhaustedError({ message, lastError, attempts: failures }))
      }
      const retryAfterMs = 'retryAfterMs' in error ? error.retryAfterMs : undefined
      const decision: PollDecision =
        retryAfterMs === undefined
          ? { kind: 'wait', reason: 'backoff', delayMs: backoffDelayMs(schedule.nextDelayMs(context()), failures, retry, random) }
          : { kind: 'wait', reason: 'retry-after', delayMs: retryAfterMs }
      report(requestedAt, { kind: 'error', error }, decision)
      waitThenPoll(decision.delayMs)
    }

    function pollOnce(): void {
      attempt += 1
      const requestedAt = scheduler.now()
      let answer: Job | undefined
      // The handlers may replace `step` with the next timer, even synchronously: set it first.
      const request = new Subscription()
      step = request
      request.add(config.poll().subscribe({
        next: (job) => {
          answer = job
        },
        error: (error: unknown) => onError(error, requestedAt),
        complete: () => {
          if (answer !== undefined) onJob(answer, requestedAt)
          else waitThenPoll(schedule.nextDelayMs(context()))
        },
      }))
    }

    pollOnce()
    return () => step?.unsubscribe()
  })
}
