import { expect } from 'chai'
import { catchError, identity, of, take } from 'rxjs'
import { isPixiiError, jobTimeout, JobNotFoundError, ValidationError, type Job } from '../../src/index.js'
import type { JobTimeoutConfig } from '../../src/advanced/index.js'
import { testScheduler } from '../support/marbles.js'
import { completedJob, pendingJob } from '../support/samples.js'

const processingJob: Job = { ...pendingJob, status: 'processing', started_at: '2026-01-01T00:00:05.000Z' }
const jobs = { p: pendingJob, r: processingJob, c: completedJob }

/** A TimeoutError as a value, so that marbles compare its fields and not only its message. */
const timedOut = () =>
  catchError((error: unknown) => {
    if (!isPixiiError(error, 'Timeout')) throw error
    const { deadline, ms, lastValue, message, retryable } = error
    return of({ deadline, ms, lastValue, message, retryable })
  })

describe('jobTimeout', () => {
  it('fails with deadline first when no job comes in time, and unsubscribes the source', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-----p', jobs)
      expectObservable(source.pipe(jobTimeout({ first: 3 }, scheduler), timedOut())).toBe('---(x|)', {
        x: { deadline: 'first', ms: 3, lastValue: undefined, message: 'No job within 3 ms of subscribing', retryable: false },
      })
      expectSubscriptions(source.subscriptions).toBe('^--!')
    })
  })

  it('fails with deadline each when the next transition is late, with the last job seen', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-p---r-------c', jobs)
      expectObservable(source.pipe(jobTimeout({ first: 2, each: 5 }, scheduler), timedOut())).toBe('-p---r----(x|)', {
        ...jobs,
        x: { deadline: 'each', ms: 5, lastValue: processingJob, message: 'No transition within 5 ms', retryable: false },
      })
      expectSubscriptions(source.subscriptions).toBe('^---------!')
    })
  })

  it('does not apply each before the first job', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--------p--(c|)', jobs)
      expectObservable(source.pipe(jobTimeout({ each: 3 }, scheduler))).toBe('--------p--(c|)', jobs)
      expectSubscriptions(source.subscriptions).toBe('^----------!')
    })
  })

  it('fails with deadline total when the job is not finished in time, however lively it is', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-p--r-r-r-r-(c|)', jobs)
      expectObservable(source.pipe(jobTimeout({ each: 3, total: 9 }, scheduler), timedOut())).toBe('-p--r-r-r(x|)', {
        ...jobs,
        x: { deadline: 'total', ms: 9, lastValue: processingJob, message: 'Not finished within 9 ms', retryable: false },
      })
      expectSubscriptions(source.subscriptions).toBe('^--------!')
    })
  })

  it('lets a job that meets every deadline through unchanged, and emits nothing after it completes', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-p--r--(c|)', jobs)
      expectObservable(source.pipe(jobTimeout({ first: 2, each: 4, total: 8 }, scheduler))).toBe('-p--r--(c|)', jobs)
      expectSubscriptions(source.subscriptions).toBe('^------!')
    })
  })

  it('passes the source error through and stops its deadlines', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const gone = new JobNotFoundError({ message: 'gone', jobId: 'job_0001' })
      const source = cold('-p-#', jobs, gone)
      expectObservable(source.pipe(jobTimeout({ each: 5, total: 6 }, scheduler))).toBe('-p-#', jobs, gone)
      expectSubscriptions(source.subscriptions).toBe('^--!')
    })
  })

  it('stops its deadlines when the subscriber leaves', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-p-r------', jobs)
      expectObservable(source.pipe(jobTimeout({ each: 4, total: 5 }, scheduler), take(2))).toBe('-p-(r|)', jobs)
      expectObservable(source.pipe(jobTimeout({ total: 3 }, scheduler)), '^-!').toBe('-p', jobs)
      expectSubscriptions(source.subscriptions).toBe(['^--!', '^-!'])
    })
  })

  it('is identity without any deadline', () => {
    expect(jobTimeout({})).to.equal(identity)
    expect(jobTimeout({ first: undefined } as unknown as JobTimeoutConfig)).to.equal(identity)
  })

  it('refuses a deadline that is not a positive finite number, naming it', () => {
    const cases: [JobTimeoutConfig, string, string][] = [
      [{ first: 0 }, 'first', 'jobTimeout: first: expected a finite number of milliseconds > 0, got 0'],
      [{ each: -5 }, 'each', 'jobTimeout: each: expected a finite number of milliseconds > 0, got -5'],
      [{ total: Number.NaN }, 'total', 'jobTimeout: total: expected a finite number of milliseconds > 0, got NaN'],
      [{ total: Number.POSITIVE_INFINITY }, 'total', 'jobTimeout: total: expected a finite number of milliseconds > 0, got Infinity'],
      [{ first: '30s' } as unknown as JobTimeoutConfig, 'first', 'jobTimeout: first: expected a finite number of milliseconds > 0, got string'],
      [{ firstMs: 30 } as JobTimeoutConfig, 'firstMs', 'jobTimeout: firstMs: is not a deadline of jobTimeout (first, each, total)'],
    ]
    for (const [config, field, message] of cases) {
      let caught: unknown
      try {
        jobTimeout(config)
      } catch (error) {
        caught = error
      }
      expect(caught).to.be.instanceOf(ValidationError)
      const { field: named, source, message: said } = caught as ValidationError
      expect([named, source, said]).to.deep.equal([field, 'client', message])
    }
  })
})
