import { Subscription, type Observer, type SchedulerAction, type Subscriber, type Unsubscribable } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import { PixiiErrorBase } from '../errors/PixiiErrorBase.js'
import type { PixiiError } from '../errors/PixiiError.js'
import { RetriesExhaustedError } from '../errors/RetriesExhaustedError.js'
import type { PollDecision, PollOutcome } from './PollEvent.js'
import type { AnswerTiming, PollContext } from '../schedules/PollSchedule.js'
import type { LoopBody, LoopStep, PollLoopConfig } from './LoopBody.js'
import type { ConnectionState } from './ConnectionState.js'
import { backoffDelayMs } from '../schedules/RetryPolicy.js'
import { mayResend } from '../http/resendVerdict.js'

type RetriedError = Exclude<PixiiError, RetriesExhaustedError>
type Blocker = 'hidden' | 'offline' | undefined

/** The scheduler's work for a loop's next poll: a plain function, so waiting allocates no closure. */
function pollLater<T, E>(this: SchedulerAction<LoopRun<T, E>>, run?: LoopRun<T, E>): void {
  run?.pollOnce()
}

/**
 * One subscription of `pollLoop$`: its state in fields and its steps as methods, so that a loop
 * waiting for its next poll holds a handful of fields and no closures (a client may hold ten
 * thousand of them). It observes its own polls, one at a time.
 *
 * In a browser it makes no request while the page is hidden (unless `pauseWhenHidden` is false)
 * or offline: a poll that falls due then waits, and runs at once when the page is shown and
 * online again. Coming back while it waits on a timer also polls at once.
 */
export class LoopRun<T, E> implements Observer<T>, Unsubscribable {
  private readonly body: LoopBody<T, E>
  private readonly startedAt: number
  private attempt = 0
  private failures = 0
  private job: Job | undefined = undefined
  /** The poll in flight or the timer of the next one. */
  private step: Unsubscribable | undefined = undefined
  private requestedAt = 0
  private answer: { readonly value: T } | undefined = undefined
  /** Whether `step` is the timer of the next poll (not a request in flight). */
  private waiting = false
  /** Why the loop sits without a timer until the page changes, if it does. */
  private paused: Blocker = undefined
  /** What kept the loop from polling when the page last changed. */
  private blocked: Blocker = undefined
  private connection: ConnectionState['kind'] = 'online'
  private stopListening: (() => void) | undefined = undefined
  /** The last answer read: its timing and `Date` header, for the schedule. */
  private answered: AnswerTiming | undefined = undefined

  constructor(
    private readonly config: PollLoopConfig<T, E>,
    private readonly subscriber: Subscriber<E>,
  ) {
    this.body = config.body()
    this.startedAt = config.scheduler.now()
  }

  /** Polls at once (or pauses); the run is its own teardown. */
  start(): this {
    const { page } = this.config
    if (page !== undefined) {
      this.blocked = this.blocker()
      this.stopListening = page.listen(() => this.pageChanged())
    }
    this.pollOnce()
    return this
  }

  unsubscribe(): void {
    this.step?.unsubscribe()
    this.stopListening?.()
  }

  pollOnce(): void {
    this.waiting = false
    this.paused = this.blocker()
    if (this.paused !== undefined) return this.connect({ kind: this.paused })
    this.attempt += 1
    this.requestedAt = this.config.scheduler.now()
    this.answer = undefined
    // The answer may replace `step` with the next timer, even synchronously: set it first.
    const request = new Subscription()
    this.step = request
    request.add(this.body.poll().subscribe(this))
  }

  /** A poll answered. */
  next(value: T): void {
    this.answer = { value }
  }

  /** A poll ended: an answer is read, and no answer waits for the next poll. */
  complete(): void {
    const answer = this.answer
    this.answer = undefined
    if (answer !== undefined) this.onAnswer(answer.value)
    else this.waitThenPoll(this.config.schedule.nextDelayMs(this.context()))
  }

  /** A poll failed. */
  error(thrown: unknown): void {
    const { retry, schedule, random } = this.config
    // The loop's polls are this library's own requests, so their errors are of this copy's
    // classes: `instanceof` is enough here (isPixiiError, which reads tags to recognise an error
    // from another copy too, would bring its list of every tag into a page's bundle).
    const error = thrown instanceof PixiiErrorBase ? (thrown as PixiiError) : undefined
    if (error === undefined || !mayResend(error)) {
      if (error !== undefined) this.report({ kind: 'error', error }, { kind: 'stop', reason: 'fatal-error' })
      return this.subscriber.error(thrown)
    }
    if (this.blocker() === 'offline') {
      // No network: neither a failure of the server's nor a reason to spend the retry budget.
      this.report({ kind: 'error', error }, { kind: 'wait', reason: 'offline', delayMs: Infinity })
      this.paused = 'offline'
      return this.connect({ kind: 'offline' })
    }
    this.failures += 1
    // mayResend refuses a RetriesExhausted (not retryable), so this one is a single failure.
    const lastError = error as RetriedError
    if (this.failures > retry.maxConsecutiveFailures) {
      this.report({ kind: 'error', error }, { kind: 'stop', reason: 'retries-exhausted' })
      const message = `Gave up watching ${this.config.noun} ${this.config.subject} after ${this.failures} transient failures in a row; the last: ${error.message}`
      return this.subscriber.error(new RetriesExhaustedError({ message, lastError, attempts: this.failures }))
    }
    const retryAfterMs = 'retryAfterMs' in error ? error.retryAfterMs : undefined
    const decision: PollDecision =
      retryAfterMs === undefined
        ? {
            kind: 'wait',
            reason: 'backoff',
            delayMs: backoffDelayMs(schedule.nextDelayMs(this.context()), this.failures, retry, random),
          }
        : { kind: 'wait', reason: 'retry-after', delayMs: retryAfterMs }
    this.report({ kind: 'error', error }, decision)
    this.connect({ kind: 'reconnecting', failures: this.failures, retryInMs: decision.delayMs, error: lastError })
    this.waitThenPoll(decision.delayMs)
  }

  private onAnswer(answer: T): void {
    this.failures = 0
    this.connect({ kind: this.blocker() ?? 'online' })
    const result: LoopStep<E> = this.body.onAnswer(answer)
    this.answered = { requestedAt: this.requestedAt, answeredAt: this.config.scheduler.now(), serverDate: result.serverDate }
    const { schedule } = this.config
    if (result.seen !== undefined) schedule.observe?.(result.seen, this.context())
    // An answer with no job of the watch's own (an ASIN's listing) still tells Pixii's time.
    else schedule.observeAnswer?.(this.context())
    for (const record of result.records ?? []) schedule.observe?.(record, this.context())
    if (result.job !== undefined) this.job = result.job
    if (result.stop !== undefined) {
      this.report(result.outcome, { kind: 'stop', reason: result.stop.reason })
      for (const value of result.emit) this.subscriber.next(value)
      if (result.stop.error === undefined) this.subscriber.complete()
      else this.subscriber.error(result.stop.error)
      return
    }
    const delayMs = this.config.schedule.nextDelayMs(this.context())
    this.report(result.outcome, { kind: 'wait', delayMs, reason: 'schedule' })
    for (const value of result.emit) this.subscriber.next(value)
    if (!this.subscriber.closed) this.waitThenPoll(delayMs)
  }

  private waitThenPoll(delayMs: number): void {
    this.waiting = true
    this.step = this.config.scheduler.schedule(pollLater<T, E>, delayMs, this)
  }

  private blocker(): Blocker {
    const { page, pauseWhenHidden } = this.config
    if (page === undefined) return undefined
    if (!page.online()) return 'offline'
    return pauseWhenHidden !== false && !page.visible() ? 'hidden' : undefined
  }

  /** The page was shown or hidden, or went online or offline. */
  private pageChanged(): void {
    const was = this.blocked
    this.blocked = this.blocker()
    if (this.blocked !== undefined) return this.connect({ kind: this.blocked })
    // Back: a paused loop polls now, and so does one that was waiting out a hidden or offline spell.
    if (this.paused !== undefined || (was !== undefined && this.waiting)) {
      this.step?.unsubscribe()
      this.pollOnce()
    }
  }

  private connect(state: ConnectionState): void {
    if (state.kind === this.connection && state.kind !== 'reconnecting') return
    this.connection = state.kind
    this.config.onConnection?.(state)
  }

  private context(): PollContext {
    const now = this.config.scheduler.now()
    const { attempt, job, answered } = this
    const base = { attempt, elapsedMs: now - this.startedAt, job, keyKind: this.config.keyKind, now }
    return answered === undefined ? base : { ...base, answer: answered }
  }

  private report(outcome: PollOutcome, decision: PollDecision): void {
    const { onPoll, subject, scheduler, schedule } = this.config
    if (onPoll === undefined) return
    const { attempt, requestedAt } = this
    // The estimate costs no request: the schedule reads what it learned (job answers only).
    const estimate = outcome.kind === 'job' ? schedule.estimate?.(this.context()) : undefined
    const event = { subject, attempt, requestedAt, answeredAt: scheduler.now(), outcome, decision }
    onPoll(estimate === undefined ? event : { ...event, estimate })
  }
}
