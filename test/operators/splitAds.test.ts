import { expect } from 'chai'
import { lastValueFrom, of } from 'rxjs'
import { JobFailedError, splitAds, type CompletedJob, type Job, type SplitAds } from '../../src/index.js'
import type { FailedAd, SucceededAd } from '../../src/advanced/index.js'
import { testScheduler } from '../support/marbles.js'
import { completedJob, failedJob, pendingJob } from '../support/samples.js'

const processingJob: Job = { ...pendingJob, status: 'processing', started_at: '2026-01-01T00:00:05.000Z' }
const image = (name: string): SucceededAd => ({ preview_url: `https://img.pixii.test/${name}.png?signature=abc`, error: null })
const refused = (code: string): FailedAd => ({ preview_url: null, error: { code, message: `refused: ${code}` } })
const withAds = (ads: CompletedJob['output']['ads'], overrides: Partial<CompletedJob> = {}): CompletedJob =>
  ({ ...completedJob, ...overrides, output: { ads } })

describe('splitAds', () => {
  it('turns the completed job into its succeeded and failed ads, skipping earlier snapshots', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-p-r-c|', { p: pendingJob, r: processingJob, c: completedJob })
      const [succeeded, failed] = completedJob.output.ads
      const expected: SplitAds = {
        job: completedJob,
        succeeded: [succeeded as SucceededAd],
        failed: [failed as FailedAd],
        creditsCharged: 20,
        creditsRefunded: 10,
        expiresAt: '2026-01-08T00:02:05.000Z',
      }
      expectObservable(source.pipe(splitAds())).toBe('-----s|', { s: expected })
      expectSubscriptions(source.subscriptions).toBe('^-----!')
    })
  })

  it('keeps the server order within each side on partial failures', async () => {
    const job = withAds([image('a'), refused('CONTENT_POLICY'), image('b'), refused('TIMEOUT'), image('c')], { credit_cost: 50, credits_refunded: 20 })
    const split = await lastValueFrom(of<Job[]>(job).pipe(splitAds()))
    expect(split.succeeded.map((ad) => ad.preview_url)).to.deep.equal(['a', 'b', 'c'].map((name) => image(name).preview_url))
    expect(split.failed.map((ad) => ad.error.code)).to.deep.equal(['CONTENT_POLICY', 'TIMEOUT'])
    expect([split.creditsCharged, split.creditsRefunded]).to.deep.equal([50, 20])
    expect(split.succeeded[0]).to.equal(job.output.ads[0])
  })

  it('emits a job whose every image failed, and one whose every image succeeded', async () => {
    const allFailed = withAds([refused('A'), refused('B')], { credits_refunded: 20 })
    const allSucceeded = withAds([image('a')], { credits_refunded: 0 })
    const splits = await lastValueFrom(of<Job[]>(allFailed).pipe(splitAds()))
    expect([splits.succeeded.length, splits.failed.length, splits.creditsRefunded]).to.deep.equal([0, 2, 20])
    const whole = await lastValueFrom(of<Job[]>(allSucceeded).pipe(splitAds()))
    expect([whole.succeeded.length, whole.failed.length, whole.creditsRefunded]).to.deep.equal([1, 0, 0])
  })

  it('gives the expiry in UTC, seven days after completed_at, and null without completed_at', async () => {
    const offset = withAds([], { completed_at: '2026-02-28T23:30:00+02:00' })
    const undated = withAds([], { completed_at: null })
    const [withOffset, withoutDate] = await Promise.all([offset, undated].map((job) => lastValueFrom(of<Job[]>(job).pipe(splitAds()))))
    expect(withOffset?.expiresAt).to.equal('2026-03-07T21:30:00.000Z')
    expect(withoutDate?.expiresAt).to.equal(null)
  })

  it('emits nothing for a watch that ends without a completed job, and passes its error through', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = new JobFailedError({ message: 'Job job_0001 failed: GENERATION_FAILED', job: failedJob })
      const failing = cold('-p-(f#)', { p: pendingJob, f: failedJob }, error)
      const unfinished = cold('-p-r|', { p: pendingJob, r: processingJob })
      expectObservable(failing.pipe(splitAds())).toBe('---#', undefined, error)
      expectObservable(unfinished.pipe(splitAds())).toBe('----|')
      expectSubscriptions(failing.subscriptions).toBe('^--!')
      expectSubscriptions(unfinished.subscriptions).toBe('^---!')
    })
  })
})
