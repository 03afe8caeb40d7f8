import { expect } from 'chai'
import { forkJoin, from, map, mergeMap, toArray } from 'rxjs'
import { completedJob, isPixiiError, toEither, watchJob$, type Job, type RunEvent } from '../../src/index.js'
import { harness, record, type Harness } from '../support/watchHarness.js'

describe('many jobs over loopback HTTP, in virtual time', () => {
  let h: Harness
  beforeEach(async () => {
    // Live jobs 20 times faster than Pixii's: queued up to 1 s, processing 4.5 to 7.5 s.
    h = await harness({ http: true, timeScale: 0.05 })
  })
  afterEach(async () => h.close())

  /** 100 live jobs: every tenth fails, every seventh loses two ads. */
  function hundredJobs(): string[] {
    return Array.from({ length: 100 }, (_, n) =>
      h.sim.createJob({
        key: h.sim.liveKey,
        outcome:
          n % 10 === 9 ? { kind: 'failure', errorCode: `E${n}` } : n % 7 === 0 ? { kind: 'partial', failedAds: 2 } : { kind: 'success' },
      }),
    )
  }

  it('forkJoin with toEither: the 90 finished jobs and the 10 failures, each as the simulator says', async () => {
    const ids = hundredJobs()
    const pixii = h.client({ apiKey: h.sim.liveKey })
    const all = record(forkJoin(ids.map((id) => pixii.watchJob$(id).pipe(completedJob(), toEither()))), h.clock)
    await h.clock.runUntil(all.ended)
    const results = all.values[0]?.value ?? []
    expect(results).to.have.length(100)
    results.forEach((result, n) => {
      const truth = h.sim.truth(ids[n]!).at(-1)?.status
      if (result._tag === 'Right') {
        expect([truth, result.right.id]).to.deep.equal(['completed', ids[n]])
        expect(result.right.output.ads.filter((ad) => ad.error !== null)).to.have.length(n % 7 === 0 ? 2 : 0)
      } else {
        expect(truth).to.equal('failed')
        if (!isPixiiError(result.left, 'JobFailed')) throw new Error('expected JobFailed')
        expect(result.left.errorCode).to.equal(`E${n}`)
      }
    })
    expect(results.filter((result) => result._tag === 'Left')).to.have.length(10)
  })

  it('merge with a concurrency limit: every transition once, in order, ending where the truth ends', async () => {
    const ids = hundredJobs()
    const pixii = h.client({ apiKey: h.sim.liveKey })
    const stream = from(ids).pipe(
      mergeMap((id) => pixii.watchJob$(id).pipe(toEither(), map((result) => ({ id, result }))), 10),
      toArray(),
    )
    const all = record(stream, h.clock)
    await h.clock.runUntil(all.ended)
    const events = all.values[0]?.value ?? []
    for (const id of ids) {
      const seen = events.filter((event) => event.id === id)
      const statuses = seen.flatMap(({ result }) => (result._tag === 'Right' ? [result.right.status] : []))
      const truth = h.sim.truth(id).map((transition) => transition.status)
      expect(truth).to.include.members(statuses)
      expect(statuses.at(-1)).to.equal(truth.at(-1))
      expect(new Set(statuses).size).to.equal(statuses.length)
      expect(seen.filter(({ result }) => result._tag === 'Left')).to.have.length(truth.at(-1) === 'failed' ? 1 : 0)
    }
  })

  it('run$ emits the accepted job id first, then the transitions', async () => {
    const pixii = h.client()
    const run = record(pixii.run$({ kind: 'listingBuilder', request: { asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' } }), h.clock)
    await h.clock.runUntil(run.ended)
    const events: RunEvent[] = run.values.map(({ value }) => value)
    expect(events[0]?.kind).to.equal('accepted')
    const id = events[0]?.jobId
    expect(events.slice(1).every((event) => event.kind === 'job' && event.jobId === id)).to.equal(true)
    const last = events.at(-1)
    expect(last?.kind === 'job' && last.job.status).to.equal('completed')
    expect(h.sim.log[0]).to.include({ method: 'POST', path: '/v1/api/listing_builder' })
  })

  describe('the top-level watchJob$', () => {
    const saved = { key: process.env['PIXII_API_KEY'], url: process.env['PIXII_BASE_URL'] }
    afterEach(() => {
      for (const [name, value] of [['PIXII_API_KEY', saved.key], ['PIXII_BASE_URL', saved.url]] as const) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    })

    it('fails at subscription, with a typed error, when PIXII_API_KEY is missing', () => {
      delete process.env['PIXII_API_KEY']
      const watch = watchJob$('job_1')
      const seen = record(watch, h.clock)
      if (!isPixiiError(seen.error, 'Validation')) throw new Error('expected ValidationError')
      expect(seen.error.field).to.equal('PIXII_API_KEY')
      expect(h.sim.log).to.have.length(0)
    })

    it('watches with the client configured from PIXII_API_KEY and PIXII_BASE_URL', async () => {
      process.env['PIXII_API_KEY'] = h.sim.testKey
      process.env['PIXII_BASE_URL'] = h.sim.url
      // The default client runs on the real clock and this simulator on a virtual one that stands
      // still: a job that is already finished needs a single poll and no timer at all.
      const id = h.sim.createJob({ key: h.sim.testKey, queuedMs: 0, processingMs: 0 })
      const jobs: Job[] = []
      await new Promise<void>((resolve, reject) =>
        watchJob$(id).subscribe({ next: (job) => jobs.push(job), error: reject, complete: resolve }),
      )
      expect(jobs.at(-1)?.status).to.equal('completed')
      expect(h.sim.log.every((entry) => entry.path === `/v1/api/jobs/${id}`)).to.equal(true)
    })
  })
})
