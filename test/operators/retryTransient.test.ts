import { expect } from 'chai'
import { catchError, defer, identity, of, type Observable } from 'rxjs'
import type { TestScheduler } from 'rxjs/testing'
import { DecodeError, isPixiiError, JobFailedError, JobNotFoundError, NetworkError, RateLimitedError, RetriesExhaustedError, retryTransient, ServerError, TimeoutError, ValidationError, type PixiiError } from '../../src/index.js'
import type { RetryTransientConfig } from '../../src/advanced/index.js'
import { testScheduler } from '../support/marbles.js'
import { failedJob } from '../support/samples.js'

const get = { method: 'GET', path: '/v1/api/jobs/job_0001' } as const
const post = { method: 'POST', path: '/v1/api/listing_builder' } as const
const refused = new NetworkError({ message: 'connection refused', failure: 'connection', context: get })
const unavailable = new ServerError({ message: 'unavailable', context: { ...get, status: 503 } })

/** Subscribes to the n-th observable on the n-th subscription; more subscriptions fail the test. */
function sequence<T>(sources: Observable<T>[]): Observable<T> {
  let next = 0
  return defer(() => {
    const source = sources[next++]
    if (source === undefined) throw new Error(`unexpected subscription #${next}`)
    return source
  })
}

/** The error as a value, so that marbles can compare more of it than its message. */
const exhaustion = () =>
  catchError((error: unknown) => {
    if (!isPixiiError(error, 'RetriesExhausted')) throw error
    return of({ tag: error._tag, message: error.message, attempts: error.attempts, lastError: error.lastError._tag })
  })

function run(callback: (scheduler: TestScheduler, helpers: Parameters<Parameters<TestScheduler['run']>[0]>[0]) => void): void {
  const scheduler = testScheduler()
  scheduler.run((helpers) => callback(scheduler, helpers))
}

describe('retryTransient', () => {
  it('resubscribes after transient failures, doubling the backoff from initialDelayMs', () => {
    run((scheduler, { cold, expectObservable, expectSubscriptions }) => {
      const sources = [cold('-#', {}, refused), cold('-#', {}, unavailable), cold('-a|')]
      const config: RetryTransientConfig = { initialDelayMs: 10, random: () => 0, scheduler }
      // Fails at 1, waits 10 ms; fails at 12, waits 20 ms; answers at 33.
      expectObservable(sequence(sources).pipe(retryTransient(config))).toBe('33ms a|')
      const expected = ['^!', '11ms ^!', '32ms ^-!']
      sources.forEach((source, index) => expectSubscriptions(source.subscriptions).toBe(expected[index]!))
    })
  })

  it('shortens each backoff by up to jitter of itself and caps it at maxDelayMs', () => {
    run((scheduler, { cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#', {}, refused)
      const config = { maxRetries: 3, initialDelayMs: 100, maxDelayMs: 150, jitter: 0.2, random: () => 1, scheduler }
      // Waits 100 × 0.8, then min(150, 200) × 0.8 twice.
      expectObservable(source.pipe(retryTransient(config), exhaustion())).toBe('324ms (x|)', {
        x: { tag: 'RetriesExhausted', message: 'Gave up after 4 transient failures in a row; the last: connection refused', attempts: 4, lastError: 'Network' },
      })
      expectSubscriptions(source.subscriptions).toBe(['^!', '81ms ^!', '202ms ^!', '323ms ^!'])
    })
  })

  it('runs with the defaults: 6 retries, 500 ms doubling, jitter 0.5', () => {
    run((scheduler, { cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#', {}, refused)
      // random() = 1 removes the full jitter: half of 500, 1000, 2000, 4000, 8000, 16000 ms.
      expectObservable(source.pipe(retryTransient({ random: () => 1, scheduler }), exhaustion())).toBe('15757ms (x|)', {
        x: { tag: 'RetriesExhausted', message: 'Gave up after 7 transient failures in a row; the last: connection refused', attempts: 7, lastError: 'Network' },
      })
      expectSubscriptions(source.subscriptions).toBe(['^!', '251ms ^!', '752ms ^!', '1753ms ^!', '3754ms ^!', '7755ms ^!', '15756ms ^!'])
    })
  })

  it('gives up past maxRetries with RetriesExhausted carrying the last failure itself', () => {
    run((scheduler, { cold, expectObservable, flush }) => {
      const sources = [cold('-#', {}, refused), cold('-#', {}, unavailable)]
      const result$ = sequence(sources).pipe(retryTransient({ maxRetries: 1, initialDelayMs: 10, random: () => 0, scheduler }))
      expectObservable(result$.pipe(exhaustion())).toBe('12ms (x|)', {
        x: { tag: 'RetriesExhausted', message: 'Gave up after 2 transient failures in a row; the last: unavailable', attempts: 2, lastError: 'Server' },
      })
      flush()
      let caught: unknown
      sequence([cold('-#', {}, refused), cold('-#', {}, unavailable)])
        .pipe(retryTransient({ maxRetries: 1, initialDelayMs: 10, random: () => 0, scheduler }))
        .subscribe({ error: (error: unknown) => (caught = error) })
      flush()
      expect(caught).to.be.instanceOf(RetriesExhaustedError)
      const exhausted = caught as RetriesExhaustedError
      expect(exhausted.lastError).to.equal(unavailable)
      expect(exhausted.cause).to.equal(unavailable)
      expect(exhausted.context).to.deep.equal(unavailable.context)
    })
  })

  it('counts failures in a row: a value resets the budget', () => {
    run((scheduler, { cold, expectObservable, expectSubscriptions }) => {
      // With maxRetries 1, the second failure would exhaust the budget but for the value between.
      const sources = [cold('-#', {}, refused), cold('-a#', undefined, refused), cold('-b|')]
      const config = { maxRetries: 1, initialDelayMs: 10, random: () => 0, scheduler }
      expectObservable(sequence(sources).pipe(retryTransient(config))).toBe('12ms a 11ms b|')
      const expected = ['^!', '11ms ^-!', '23ms ^-!']
      sources.forEach((source, index) => expectSubscriptions(source.subscriptions).toBe(expected[index]!))
    })
  })

  it('waits exactly as long as Retry-After says, without jitter or cap', () => {
    run((scheduler, { cold, expectObservable, expectSubscriptions }) => {
      const limited = new RateLimitedError({ message: 'slow down', retryAfterMs: 1234, context: { ...post, status: 429 } })
      const busy = new ServerError({ message: 'busy', retryAfterMs: 2000, context: { ...get, status: 503 } })
      const sources = [cold('-#', {}, limited), cold('-#', {}, busy), cold('-a|')]
      const config = { initialDelayMs: 100, maxDelayMs: 100, jitter: 1, random: () => 0.9, scheduler }
      expectObservable(sequence(sources).pipe(retryTransient(config))).toBe('3237ms a|')
      const expected = ['^!', '1235ms ^!', '3236ms ^-!']
      sources.forEach((source, index) => expectSubscriptions(source.subscriptions).toBe(expected[index]!))
    })
  })

  describe('never re-sends a submission that may have reached the server', () => {
    const cases: { readonly name: string; readonly error: PixiiError; readonly retried: boolean }[] = [
      { name: 'POST answered 429', error: new RateLimitedError({ message: 'slow down', context: { ...post, status: 429 } }), retried: true },
      { name: 'POST answered 503', error: new ServerError({ message: 'unavailable', context: { ...post, status: 503 } }), retried: true },
      { name: 'POST that never connected', error: new NetworkError({ message: 'refused', failure: 'connection', context: post }), retried: true },
      { name: 'POST answered 500', error: new ServerError({ message: 'internal', context: { ...post, status: 500 } }), retried: false },
      { name: 'POST answered 502', error: new ServerError({ message: 'bad gateway', context: { ...post, status: 502 } }), retried: false },
      { name: 'POST answered 504', error: new ServerError({ message: 'gateway timeout', context: { ...post, status: 504 } }), retried: false },
      { name: 'POST whose answer broke off', error: new NetworkError({ message: 'reset', failure: 'reset', context: post }), retried: false },
      { name: 'POST answered with HTML', error: new NetworkError({ message: 'html', failure: 'unparseable-body', context: { ...post, status: 200 } }), retried: false },
      { name: 'POST that timed out', error: new TimeoutError({ message: 'slow', deadline: 'request', ms: 30_000, context: post }), retried: false },
      { name: 'GET answered 500', error: new ServerError({ message: 'internal', context: { ...get, status: 500 } }), retried: true },
      { name: 'GET whose answer broke off', error: new NetworkError({ message: 'reset', failure: 'reset', context: get }), retried: true },
      { name: 'GET that timed out', error: new TimeoutError({ message: 'slow', deadline: 'request', ms: 30_000, context: get }), retried: true },
    ]
    for (const { name, error, retried } of cases) {
      it(`${retried ? 'retries' : 'passes through'} a ${name}`, () => {
        run((scheduler, { cold, expectObservable, expectSubscriptions }) => {
          const source = cold('-#', {}, error)
          const result$ = source.pipe(
            retryTransient({ maxRetries: 1, initialDelayMs: 10, random: () => 0, scheduler }),
            catchError((caught: unknown) => of(caught === error ? 'same' : (caught as PixiiError)._tag)),
          )
          if (retried) {
            expectObservable(result$).toBe('12ms (x|)', { x: 'RetriesExhausted' })
            expectSubscriptions(source.subscriptions).toBe(['^!', '11ms ^!'])
          } else {
            expectObservable(result$).toBe('-(x|)', { x: 'same' })
            expectSubscriptions(source.subscriptions).toBe('^!')
          }
        })
      })
    }
  })

  describe('passes every other error through untouched, at once', () => {
    const cases: { readonly name: string; readonly error: unknown }[] = [
      { name: 'JobNotFound', error: new JobNotFoundError({ message: 'gone', jobId: 'job_0001', context: { ...get, status: 404 } }) },
      { name: 'JobFailed', error: new JobFailedError({ message: 'Job job_0001 failed', job: failedJob }) },
      { name: 'Validation', error: new ValidationError({ message: 'bad asin', source: 'server', context: { ...post, status: 400 } }) },
      { name: 'Decode', error: new DecodeError({ message: 'bad status', issues: [] }) },
      { name: 'NetworkError body-too-large', error: new NetworkError({ message: 'huge', failure: 'body-too-large', context: get }) },
      { name: 'Timeout of jobTimeout', error: new TimeoutError({ message: 'No transition within 60000 ms', deadline: 'each', ms: 60_000 }) },
      { name: 'RetriesExhausted of an inner loop', error: new RetriesExhaustedError({ message: 'gave up', lastError: refused, attempts: 9 }) },
      { name: 'non-Pixii error (a bug)', error: new TypeError('undefined is not a function') },
    ]
    for (const { name, error } of cases) {
      it(name, () => {
        run((scheduler, { cold, expectObservable, expectSubscriptions }) => {
          const source = cold('-#', {}, error)
          const result$ = source.pipe(
            retryTransient({ initialDelayMs: 10, scheduler }),
            catchError((caught: unknown) => of(caught === error)),
          )
          expectObservable(result$).toBe('-(x|)', { x: true })
          expectSubscriptions(source.subscriptions).toBe('^!')
        })
      })
    }
  })

  it('resubscribes no more once unsubscribed during a wait', () => {
    run((scheduler, { cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#', {}, refused)
      expectObservable(source.pipe(retryTransient({ initialDelayMs: 100, random: () => 0, scheduler })), '^-----!').toBe('')
      expectSubscriptions(source.subscriptions).toBe('^!')
    })
  })

  it('is identity with maxRetries 0', () => {
    expect(retryTransient({ maxRetries: 0 })).to.equal(identity)
  })

  it('refuses a bad configuration with a ValidationError naming the field', () => {
    const refusal = (config: RetryTransientConfig): ValidationError => {
      try {
        retryTransient(config)
      } catch (error) {
        if (error instanceof ValidationError) return error
        throw error
      }
      throw new Error('no ValidationError')
    }
    const cases: [RetryTransientConfig, string, string][] = [
      [{ maxRetries: -1 }, 'maxRetries', 'retryTransient: maxRetries: expected an integer ≥ 0 or Infinity, got -1'],
      [{ maxRetries: 1.5 }, 'maxRetries', 'retryTransient: maxRetries: expected an integer ≥ 0 or Infinity, got 1.5'],
      [{ initialDelayMs: Number.NaN }, 'initialDelayMs', 'retryTransient: initialDelayMs: expected a finite number ≥ 0, got NaN'],
      [{ maxDelayMs: 100 }, 'maxDelayMs', 'retryTransient: maxDelayMs: expected a finite number ≥ initialDelayMs (500), got 100'],
      [{ jitter: 2 }, 'jitter', 'retryTransient: jitter: expected a number from 0 to 1, got 2'],
      [{ random: 0.5 as unknown as () => number }, 'random', 'retryTransient: random: expected a function, got number'],
      [{ scheduler: {} as RetryTransientConfig['scheduler'] & object }, 'scheduler', 'retryTransient: scheduler: expected a SchedulerLike, got object'],
      [{ maxRetry: 3 } as RetryTransientConfig, 'maxRetry', 'retryTransient: maxRetry: is not an option of retryTransient'],
    ]
    for (const [config, field, message] of cases) {
      const error = refusal(config)
      expect([error.field, error.source, error.message]).to.deep.equal([field, 'client', message])
    }
    expect(() => retryTransient({ maxRetries: Number.POSITIVE_INFINITY, initialDelayMs: 0, maxDelayMs: 0, jitter: 1 })).not.to.throw()
  })
})
