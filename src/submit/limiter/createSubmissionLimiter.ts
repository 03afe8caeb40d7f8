import { asyncScheduler, Observable, type SchedulerLike, type Subscriber, type Subscription } from 'rxjs'
import { invalidInput } from '../../errors/invalidInput.js'
import type { ValidationIssue } from '../../errors/ValidationError.js'
import { checkSubmissionLimits } from './checkSubmissionLimits.js'
import type { LimiterState } from './LimiterState.js'
import { rateLimitHeaders } from './rateLimitHeaders.js'
import { slidingBucket } from './slidingBucket.js'
import { WaitQueue } from '../../rx/WaitQueue.js'
import type { LimiterToken, SubmissionLimiter } from './SubmissionLimiter.js'
import type { SubmissionLimits } from './SubmissionLimits.js'

const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * 60 * 1000
/** The pause after a 429 that says nothing of when to come back. */
const DEFAULT_PAUSE_MS = 1_000

const later = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined || b === undefined ? undefined : Math.max(a, b)
const sooner = (...times: Array<number | undefined>): number | undefined =>
  times.reduce<number | undefined>((min, t) => (t === undefined ? min : min === undefined ? t : Math.min(min, t)), undefined)

/**
 * Creates a {@link SubmissionLimiter}: `perMinute` and `perDay` tokens (default 10 and 500), its
 * one timer on `scheduler` (default `asyncScheduler`). A client makes its own from its options;
 * make one yourself to pace other work, or to test in virtual time. A bad limit throws a
 * `ValidationError` naming it.
 *
 * @param limits - Submissions allowed per sliding minute and day. Default Pixii's: 10 and 500.
 * @param scheduler - The clock of the windows and the timer of the queue. Default `asyncScheduler`.
 * @param history - When earlier submissions on the same key were made (scheduler time), such as
 * those a catalogue journal recorded before a restart: each holds its token until its window has
 * passed. Default none.
 * @throws {@link ValidationError} (source `client`) at once when a limit is not an integer ≥ 1, or the
 * scheduler has no `schedule()`.
 *
 * @example
 * ```ts
 * import { of, tap, VirtualTimeScheduler } from 'rxjs'
 * import { createSubmissionLimiter } from 'pixii-rx'
 * const scheduler = new VirtualTimeScheduler()
 * const limiter = createSubmissionLimiter({ perMinute: 2 }, scheduler)
 * for (const name of ['a', 'b', 'c']) {
 *   limiter.withToken$((token) => of(name).pipe(tap(() => token.spent()))).subscribe((sent) => console.log(sent, scheduler.now()))
 * }
 * console.log(limiter.state().queued, limiter.state().nextSubmissionAt)
 * scheduler.flush()
 * // Output: a 0
 * // Output: b 0
 * // Output: 1 60000
 * // Output: c 60000
 * ```
 */
export function createSubmissionLimiter(
  limits: SubmissionLimits = {},
  scheduler: SchedulerLike = asyncScheduler,
  history: Iterable<number> = [],
): SubmissionLimiter {
  const issues: ValidationIssue[] = []
  const { perMinute, perDay } = checkSubmissionLimits(limits, 'rateLimits', issues)
  if (typeof scheduler?.schedule !== 'function') issues.push({ path: 'scheduler', message: 'expected an object with a schedule() method' })
  if (issues.length > 0) {
    throw invalidInput('Invalid createSubmissionLimiter arguments', issues)
  }
  const minute = slidingBucket(perMinute, MINUTE_MS)
  const day = slidingBucket(perDay, DAY_MS)
  const buckets = [minute, day] as const
  const startedAt = scheduler.now()
  for (const at of [...history].sort((a, b) => a - b)) {
    if (Number.isFinite(at)) for (const bucket of buckets) bucket.spentBefore(at, startedAt)
  }
  // Leaving the line may bring the next submission (or a state observers see) sooner: re-plan.
  const queue = new WaitQueue(() => pump())
  const observers = new Set<Subscriber<LimiterState>>()
  let pausedUntil: number | undefined
  let inFlight = 0
  let timer: { readonly at: number; readonly subscription: Subscription } | undefined
  let pumping = false
  let again = false
  let shown = ''

  const paused = (now: number): number | undefined => (pausedUntil !== undefined && pausedUntil > now ? pausedUntil : undefined)
  const readyAt = (now: number): number | undefined =>
    later(later(paused(now) ?? now, minute.readyAt(now)), day.readyAt(now))

  const state = (): LimiterState => {
    const now = scheduler.now()
    return {
      at: now,
      minute: minute.state(now),
      day: day.state(now),
      pausedUntil: paused(now),
      nextSubmissionAt: readyAt(now),
      queued: queue.size,
      inFlight,
    }
  }

  // Observers see a state when something other than the time changed.
  const changed = (current: LimiterState): boolean => {
    const { at: _at, ...rest } = current
    const key = JSON.stringify(rest)
    if (key === shown) return false
    shown = key
    return true
  }
  const publish = (): void => {
    if (observers.size === 0) return
    const current = state()
    if (changed(current)) for (const observer of observers) observer.next(current)
  }

  // One timer at most: for the head of the queue, or for the next change an observer would see.
  const plan = (now: number): void => {
    const forQueue = queue.size > 0 ? readyAt(now) : undefined
    const forObservers = observers.size > 0 ? sooner(paused(now), minute.nextRefillAt(now), day.nextRefillAt(now)) : undefined
    const at = sooner(forQueue, forObservers)
    if (timer?.at === at) return
    timer?.subscription.unsubscribe()
    timer = undefined
    if (at === undefined) return
    const subscription = scheduler.schedule(() => {
      timer = undefined
      pump()
    }, Math.max(0, at - now))
    timer = { at, subscription }
  }

  function pump(): void {
    if (pumping) {
      again = true
      return
    }
    pumping = true
    try {
      do {
        again = false
        const now = scheduler.now()
        queue.admit(() => readyAt(now) === now)
      } while (again)
      plan(scheduler.now())
    } finally {
      pumping = false
    }
    publish()
  }

  const withToken$ = <T>(work: (token: LimiterToken) => Observable<T>, options: { readonly front?: boolean } = {}): Observable<T> =>
    new Observable<T>((subscriber) => {
      let phase: 'queued' | 'held' | 'settled' = 'queued'
      const settle = (how: (now: number) => void): void => {
        if (phase !== 'held') return
        phase = 'settled'
        inFlight -= 1
        how(scheduler.now())
        pump()
      }
      const token: LimiterToken = {
        spent: (headers) =>
          settle((now) => {
            for (const bucket of buckets) bucket.spend(now)
            if (headers === undefined) return
            const minuteHeaders = rateLimitHeaders(headers, 'Minute')
            const dayHeaders = rateLimitHeaders(headers, 'Day')
            minute.correct(now, positive(minuteHeaders.limit), minuteHeaders.remaining)
            day.correct(now, positive(dayHeaders.limit), dayHeaders.remaining)
          }),
        returned: () => settle(() => buckets.forEach((bucket) => bucket.release())),
        rateLimited: (retryAfterMs) =>
          settle((now) => {
            for (const bucket of buckets) bucket.release()
            const until = now + (retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : DEFAULT_PAUSE_MS)
            pausedUntil = Math.max(pausedUntil ?? until, until)
          }),
      }
      const start = (): void => {
        for (const bucket of buckets) bucket.hold()
        inFlight += 1
        phase = 'held'
        subscriber.add(work(token).subscribe(subscriber))
      }
      queue.join(subscriber, start, options.front === true)
      pump()
      return () => {
        // Ended without a verdict (unsubscribed in flight): the server may have counted it.
        if (phase === 'held') token.spent()
      }
    })

  return {
    state$: new Observable<LimiterState>((subscriber) => {
      observers.add(subscriber)
      const current = state()
      changed(current)
      subscriber.next(current)
      plan(scheduler.now())
      return () => {
        observers.delete(subscriber)
        plan(scheduler.now())
      }
    }),
    state,
    withToken$,
  }
}

/** A server limit below 1 would stop every submission for good: it is ignored. */
const positive = (limit: number | undefined): number | undefined => (limit !== undefined && limit >= 1 ? limit : undefined)
