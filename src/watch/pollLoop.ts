import { Observable, Subscription, type SchedulerLike } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import type { PixiiError } from '../errors/PixiiError.js'
import { RetriesExhaustedError } from '../errors/RetriesExhaustedError.js'
import type { KeyKind } from '../http/KeyKind.js'
import type { PollDecision, PollEvent, PollOutcome } from './PollEvent.js'
import type { PollSchedule } from './PollSchedule.js'
import { backoffDelayMs, type FullRetryPolicy } from './RetryPolicy.js'

/** What one answer means to a loop: what to emit, whether to stop, and what to report. */
export interface LoopStep<E> {
  /** Values to emit, in order. */
  readonly emit: readonly E[]
  /** What telemetry says came back. */
  readonly outcome: PollOutcome
  /** The latest job emitted, for the schedule's context. */
  readonly job?: Job
  /** The job as it was answered (emitted or not), for schedules that learn. */
  readonly seen?: Job
  /** Ends the loop after emitting: completes, or errors with `error`. */
  readonly stop?: { readonly reason: 'completed' | 'failed' | 'idle'; readonly error?: unknown }
}

/** One subscription's view of a loop: how to poll, and what an answer means. */
export interface LoopBody<T, E> {
  /** One poll: a cold Observable of one answer. */
  readonly poll: () => Observable<T>
  /** Reads an answer. */
  readonly onAnswer: (answer: T) => LoopStep<E>
}

/** When a loop polls and how it rides out failures: what every loop takes from its client and watch. */
export interface LoopTiming {
  readonly schedule: PollSchedule
  readonly retry: FullRetryPolicy
  readonly scheduler: SchedulerLike
  readonly random: () => number
  readonly keyKind: KeyKind
  readonly onPoll?: (event: PollEvent) => void
}

/** Everything a polling loop needs. */
export interface PollLoopConfig<T, E> extends LoopTiming {
  /** What the loop watches (a job id, an ASIN), for telemetry and messages. */
  readonly subject: string
  /** How messages name the subject, such as `job job_1` or `ASIN B0CHX1W1XY`. */
  readonly label: string
  /** Called once per subscription, so that each run has its own state. */
  readonly body: () => LoopBody<T, E>
}

type RetriedError = Exclude<PixiiError, RetriesExhaustedError>

/**
 * A polling loop: polls at once, then as the schedule says, letting its body decide what each
 * answer emits and when to stop. Transient failures are retried with backoff from the schedule's
 * interval (or exactly `Retry-After`) up to the retry budget, then `RetriesExhausted`; any other
 * error ends the loop at once. Unsubscribing aborts the poll in flight and clears the timer.
 */
export function pollLoop$<T, E>(config: PollLoopConfig<T, E>): Observable<E> {
  const { subject, label, schedule, retry, scheduler, random, keyKind, onPoll } = config
  return new Observable<E>((subscriber) => {
    const body = config.body()
    const startedAt = scheduler.now()
    let attempt = 0
    let failures = 0
    let job: Job | undefined
    let step: Subscription | undefined

    const report = (requestedAt: number, outcome: PollOutcome, decision: PollDecision): void =>
      onPoll?.({ subject, jobId: subject, attempt, requestedAt, answeredAt: scheduler.now(), outcome, decision })
    const context = () => ({ attempt, elapsedMs: scheduler.now() - startedAt, job, keyKind, now: scheduler.now() })
    const waitThenPoll = (delayMs: number): void => {
      step = scheduler.schedule(pollOnce, delayMs)
    }

    const onAnswer = (answer: T, requestedAt: number): void => {
      failures = 0
      const result = body.onAnswer(answer)
      if (result.seen !== undefined) schedule.observe?.(result.seen, context())
      if (result.job !== undefined) job = result.job
      if (result.stop !== undefined) {
        report(requestedAt, result.outcome, { kind: 'stop', reason: result.stop.reason })
        for (const value of result.emit) subscriber.next(value)
        if (result.stop.error === undefined) subscriber.complete()
        else subscriber.error(result.stop.error)
        return
      }
      const delayMs = schedule.nextDelayMs(context())
      report(requestedAt, result.outcome, { kind: 'wait', delayMs, reason: 'schedule' })
      for (const value of result.emit) subscriber.next(value)
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
        const message = `Gave up watching ${label} after ${failures} transient failures in a row; the last: ${error.message}`
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
      let answer: { readonly value: T } | undefined
      // The handlers may replace `step` with the next timer, even synchronously: set it first.
      const request = new Subscription()
      step = request
      request.add(
        body.poll().subscribe({
          next: (value) => {
            answer = { value }
          },
          error: (error: unknown) => onError(error, requestedAt),
          complete: () => {
            if (answer !== undefined) onAnswer(answer.value, requestedAt)
            else waitThenPoll(schedule.nextDelayMs(context()))
          },
        }),
      )
    }

    pollOnce()
    return () => step?.unsubscribe()
  })
}
