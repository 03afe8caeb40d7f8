import { asyncScheduler, identity, Observable, type MonoTypeOperatorFunction, type SchedulerLike, type Subscription } from 'rxjs'
import { invalidInput } from '../errors/invalidInput.js'
import { TimeoutError, type Deadline } from '../errors/TimeoutError.js'
import type { ValidationIssue } from '../errors/ValidationError.js'

/**
 * Deadlines of {@link jobTimeout}, in milliseconds; leave one out to have no such deadline.
 *
 * @example
 * ```ts
 * import { jobTimeout } from 'pixii-rx'
 * import { type JobTimeoutConfig } from 'pixii-rx/advanced'
 * // A live job: queued up to a minute, processing up to three.
 * const deadlines: JobTimeoutConfig = { first: 30_000, each: 3 * 60_000, total: 5 * 60_000 }
 * jobTimeout(deadlines)
 * ```
 */
export interface JobTimeoutConfig {
  /** From subscription to the first value (the first answer about the job). */
  readonly first?: number
  /** From one value to the next (a status transition); starts at the first value. */
  readonly each?: number
  /** From subscription to completion. */
  readonly total?: number
}

type JobDeadline = Exclude<Deadline, 'request'>

const messages: Readonly<Record<JobDeadline, (ms: number) => string>> = {
  first: (ms) => `No job within ${ms} ms of subscribing`,
  each: (ms) => `No transition within ${ms} ms`,
  total: (ms) => `Not finished within ${ms} ms`,
}

function checked(config: JobTimeoutConfig): JobTimeoutConfig {
  const issues: ValidationIssue[] = []
  for (const [path, value] of Object.entries(config) as [string, unknown][]) {
    if (!Object.hasOwn(messages, path)) issues.push({ path, message: 'is not a deadline of jobTimeout (first, each, total)' })
    else if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      issues.push({ path, message: `expected a finite number of milliseconds > 0, got ${typeof value === 'number' ? value : typeof value}` })
    }
  }
  if (issues.length > 0) {
    throw invalidInput('jobTimeout', issues)
  }
  return config
}

/**
 * Puts deadlines on a watch: `first` on the first job, `each` between one job and the next, and
 * `total` from subscription to completion. When one passes, it unsubscribes from the source (so
 * polling stops and the request in flight is aborted) and errors with a `TimeoutError` whose
 * `deadline` names it, `ms` gives its length and `lastValue` holds the last job seen (undefined
 * before the first). `each` does not apply before the first job: that is `first`'s job.
 * With no deadline at all it is `identity`; a deadline that is not a positive finite number throws
 * a `ValidationError` naming it.
 *
 * ```text
 * source:  -p-----r--------        jobTimeout({ first: 3, each: 8 })
 * result:  -p-----r-------#        Timeout: deadline 'each', ms 8, lastValue r
 * source:  ^--------------!        unsubscribed when the deadline passes
 * ```
 *
 * @param config - The deadlines in milliseconds, `first`, `each` and `total`; leave one out to have none.
 * @param scheduler - Where the deadlines are timed. Default `asyncScheduler`.
 * @throws {@link ValidationError} (source `client`) at once for a deadline that is not a positive finite
 * number or not one of the three. In the error channel, {@link TimeoutError} when a deadline passes, and the
 * source's own errors unchanged.
 *
 * @example
 * ```ts
 * import { lastValueFrom, NEVER, startWith } from 'rxjs'
 * import { isPixiiError, jobTimeout } from 'pixii-rx'
 * const stuck$ = NEVER.pipe(startWith('pending'))
 * try {
 *   await lastValueFrom(stuck$.pipe(jobTimeout({ first: 1_000, each: 20 })))
 * } catch (error) {
 *   if (isPixiiError(error, 'Timeout')) console.log(error.deadline, error.ms, error.lastValue, error.message)
 * }
 * // Output: each 20 pending No transition within 20 ms
 * ```
 *
 * @see {@link TimeoutError} for what it errors with
 * @see {@link https://rxjs.dev/api/operators/timeout | RxJS's timeout}, which has no overall deadline
 */
export function jobTimeout<T>(config: JobTimeoutConfig, scheduler: SchedulerLike = asyncScheduler): MonoTypeOperatorFunction<T> {
  const { first, each, total } = checked(config)
  if (first === undefined && each === undefined && total === undefined) return identity
  return (source) =>
    new Observable<T>((subscriber) => {
      let lastValue: T | undefined
      const start = (which: JobDeadline, ms: number | undefined): Subscription | undefined =>
        ms === undefined
          ? undefined
          : scheduler.schedule(() => subscriber.error(new TimeoutError({ message: messages[which](ms), deadline: which, ms, lastValue })), ms)
      const overall = start('total', total)
      let deadline = start('first', first)
      const subscription = source.subscribe({
        next: (value) => {
          lastValue = value
          deadline?.unsubscribe()
          deadline = start('each', each)
          subscriber.next(value)
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      })
      return () => {
        overall?.unsubscribe()
        deadline?.unsubscribe()
        subscription.unsubscribe()
      }
    })
}
