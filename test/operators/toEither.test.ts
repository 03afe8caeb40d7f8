import { left, right } from 'fp-ts/lib/Either.js'
import { catchError, forkJoin, of } from 'rxjs'
import { completedJob as completed, JobFailedError, JobNotFoundError, toEither, type CompletedJob, type Job } from '../../src/index.js'
import { testScheduler } from '../support/marbles.js'
import { completedJob, failedJob, pendingJob } from '../support/samples.js'

const processingJob: Job = { ...pendingJob, status: 'processing', started_at: '2026-01-01T00:00:05.000Z' }
const gone = new JobNotFoundError({ message: 'gone', jobId: 'job_0001' })
const jobFailed = new JobFailedError({ message: 'Job job_0002 failed: GENERATION_FAILED', job: { ...failedJob, id: 'job_0002' } })
const other: CompletedJob = { ...completedJob, id: 'job_0003' }
const jobs = { p: pendingJob, r: processingJob, c: completedJob, o: other, f: failedJob }

describe('toEither', () => {
  it('wraps each value in a Right', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-p-c|', jobs)
      expectObservable(source.pipe(toEither())).toBe('-P-C|', { P: right(pendingJob), C: right(completedJob) })
      expectSubscriptions(source.subscriptions).toBe('^---!')
    })
  })

  it('turns a PixiiError into a final Left, then completes', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-p-#', jobs, gone)
      expectObservable(source.pipe(toEither())).toBe('-P-(L|)', { P: right(pendingJob), L: left(gone) })
      expectSubscriptions(source.subscriptions).toBe('^--!')
    })
  })

  it('rethrows any other error unchanged: it is a bug, not an outcome', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable }) => {
      const bug = new TypeError('undefined is not a function')
      const source = cold('-p-#', jobs, bug)
      const result$ = source.pipe(toEither(), catchError((error: unknown) => of(error === bug)))
      expectObservable(result$).toBe('-P-(x|)', { P: right(pendingJob), x: true })
    })
  })

  it('lets forkJoin keep every result when one of several watches fails', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('-p--c|', jobs)
      const failing = cold('-p-(f#)', jobs, jobFailed)
      const slow = cold('-p-----r---(o|)', jobs)
      const results$ = forkJoin([first, failing, slow].map((watch$) => watch$.pipe(completed(), toEither())))
      expectObservable(results$).toBe('-----------(x|)', { x: [right(completedJob), left(jobFailed), right(other)] })
      expectSubscriptions(first.subscriptions).toBe('^----!')
      expectSubscriptions(failing.subscriptions).toBe('^--!')
      expectSubscriptions(slow.subscriptions).toBe('^----------!')
    })
  })

  it('is needed: without it the first failure cancels the other watches in forkJoin', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('-p--c|', jobs)
      const failing = cold('-p-(f#)', jobs, jobFailed)
      const slow = cold('-p-----r---(o|)', jobs)
      expectObservable(forkJoin([first, failing, slow].map((watch$) => watch$.pipe(completed())))).toBe('---#', undefined, jobFailed)
      expectSubscriptions(slow.subscriptions).toBe('^--!')
    })
  })
})
