import { JobNotFoundError, partitionAds, type CompletedJob, type Job } from '../../src/index.js'
import { testScheduler } from '../support/marbles.js'
import { completedJob, pendingJob } from '../support/samples.js'

const processingJob: Job = { ...pendingJob, status: 'processing', started_at: '2026-01-01T00:00:05.000Z' }
const [a, x] = completedJob.output.ads
const b = { preview_url: 'https://img.pixii.test/b.png?signature=abc', error: null } as const
const twoImages: CompletedJob = { ...completedJob, output: { ads: [a!, x!, b] } }

describe('partitionAds', () => {
  it('gives the succeeded and the failed ads as two streams of single ads', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const job$ = cold('-p-r-(c|)', { p: pendingJob, r: processingJob, c: twoImages })
      const [succeeded$, failed$] = partitionAds(job$)
      expectObservable(succeeded$).toBe('-----(ab|)', { a, b })
      expectObservable(failed$).toBe('-----(x|)', { x })
      // Like RxJS's partition, each stream subscribes on its own.
      expectSubscriptions(job$.subscriptions).toBe(['^----!', '^----!'])
    })
  })

  it('completes a side that has no ad', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const allSucceeded: CompletedJob = { ...completedJob, output: { ads: [a!] } }
      const job$ = cold('-p-(c|)', { p: pendingJob, c: allSucceeded })
      const [succeeded$, failed$] = partitionAds(job$)
      expectObservable(succeeded$).toBe('---(a|)', { a })
      expectObservable(failed$).toBe('---|')
      expectSubscriptions(job$.subscriptions).toBe(['^--!', '^--!'])
    })
  })

  it('unsubscribes from the watch when the subscriber of a side leaves', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const job$ = cold('-p-r---(c|)', { p: pendingJob, r: processingJob, c: twoImages })
      const [succeeded$, failed$] = partitionAds(job$)
      expectObservable(succeeded$, '^-----!').toBe('')
      expectObservable(failed$).toBe('-------(x|)', { x })
      expectSubscriptions(job$.subscriptions).toBe(['^-----!', '^------!'])
    })
  })

  it('errors both streams when the watch errors', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const gone = new JobNotFoundError({ message: 'gone', jobId: 'job_0001' })
      const job$ = cold('-p-#', { p: pendingJob }, gone)
      const [succeeded$, failed$] = partitionAds(job$)
      expectObservable(succeeded$).toBe('---#', undefined, gone)
      expectObservable(failed$).toBe('---#', undefined, gone)
      expectSubscriptions(job$.subscriptions).toBe(['^--!', '^--!'])
    })
  })
})
