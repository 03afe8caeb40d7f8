import { expect } from 'chai'
import { isTerminalStatus } from '../../src/advanced/index.js'
import { quickFirstSchedule, type JobEvent, type PollEvent } from '../../src/index.js'
import { peakInFlight } from '../support/inFlight.js'
import { harness, record, type Harness } from '../support/watchHarness.js'

const ASIN = 'B0CHX1W1XY'

/** Per job id: the statuses of its `job` and `status` events, and its errors. */
function byJob(events: readonly JobEvent[]): Map<string, { statuses: string[]; finished: number; errors: string[] }> {
  const jobs = new Map<string, { statuses: string[]; finished: number; errors: string[] }>()
  for (const event of events) {
    const entry = jobs.get(event.id) ?? { statuses: [], finished: 0, errors: [] }
    if (event.kind === 'error') entry.errors.push(event.error._tag)
    else {
      entry.statuses.push(event.status)
      if (event.kind === 'job' && isTerminalStatus(event.status)) entry.finished += 1
    }
    jobs.set(event.id, entry)
  }
  return jobs
}

describe('many jobs at once, in virtual time', () => {
  let h: Harness
  afterEach(async () => h.close())

  it('watches 1,000 jobs with never more than 16 requests in flight, each finishing once as the simulator says', async () => {
    // Every request takes 40 ms of virtual time, so that requests overlap and the cap matters.
    h = await harness({ track: false, timeScale: 0.01 })
    h.sim.faults.rate({ kind: 'latency', ms: 40 }, 1)
    const ids = Array.from({ length: 1_000 }, (_, n) =>
      h.sim.createJob({ key: n % 2 === 0 ? h.sim.liveKey : h.sim.testKey, outcome: n % 25 === 0 ? { kind: 'failure' } : { kind: 'success' } }),
    )
    const pixii = h.client({ apiKey: h.sim.liveKey })
    const watch = record(pixii.watchJobs$(ids), h.clock)
    await h.clock.runUntil(watch.ended)
    expect(watch.error).to.equal(undefined)
    expect(peakInFlight(h.sim.log)).to.equal(16)
    expect(pixii.requestStats()).to.deep.equal({ active: 0, queued: 0, peak: 16 })
    const jobs = byJob(watch.values.map(({ value }) => value))
    expect(jobs.size).to.equal(1_000)
    for (const id of ids) {
      const truth = h.sim.truth(id).at(-1)?.status
      const seen = jobs.get(id)
      expect(seen?.finished, id).to.equal(1)
      expect(seen?.statuses.at(-1), id).to.equal(truth)
      expect(seen?.errors, id).to.deep.equal(truth === 'failed' ? ['JobFailed'] : [])
    }
    expect(h.sim.log.every((request) => request.clientAborted === false)).to.equal(true)
  })

  it('lets polls that wait for a slot go in the order they were made', async () => {
    h = await harness({ track: false })
    h.sim.faults.rate({ kind: 'latency', ms: 100 }, 1)
    const ids = Array.from({ length: 6 }, () => h.sim.createJob({ key: h.sim.testKey }))
    const pixii = h.client({ maxInFlight: 2 })
    const watch = record(pixii.watchJobs$(ids), h.clock)
    await h.clock.advance(0)
    expect(pixii.requestStats()).to.include({ active: 2, queued: 4 })
    await h.clock.advance(300)
    expect(h.sim.log.slice(0, 6).map((request) => request.path.split('/').at(-1))).to.deep.equal(ids)
    expect(h.sim.log.slice(0, 6).map((request) => request.at)).to.deep.equal([0, 0, 100, 100, 200, 200])
    watch.subscription.unsubscribe()
  })

  it('sends nothing more once a watch of many jobs is unsubscribed, even with polls waiting for a slot', async () => {
    h = await harness({ track: false })
    h.sim.faults.rate({ kind: 'latency', ms: 100 }, 1)
    const ids = Array.from({ length: 100 }, () => h.sim.createJob({ key: h.sim.testKey }))
    const pixii = h.client({ maxInFlight: 4 })
    const watch = record(pixii.watchJobs$(ids), h.clock)
    await h.clock.advance(50)
    expect(pixii.requestStats()).to.include({ active: 4, queued: 96 })
    watch.subscription.unsubscribe()
    await h.clock.advance(3_600_000)
    expect(h.sim.log).to.have.length(4)
    expect(h.sim.log.every((request) => request.clientAborted)).to.equal(true)
    expect(pixii.requestStats()).to.include({ active: 0, queued: 0 })
  })

  describe('watchAsin$', () => {
    it('polls 200 jobs of one ASIN with ⌈200 / 100⌉ list requests per tick plus one per newly finished job', async () => {
      h = await harness({ timeScale: 0.05 })
      const ids = Array.from({ length: 200 }, () => h.sim.createJob({ key: h.sim.liveKey, asin: ASIN }))
      const polls: PollEvent[] = []
      const pixii = h.client({ apiKey: h.sim.liveKey })
      const watch = record(pixii.watchAsin$(ASIN, { completeWhenIdle: true, onPoll: (event) => polls.push(event) }), h.clock)
      await h.clock.runUntil(watch.ended)
      const finishedAt = ids.map((id) => h.sim.truth(id).at(-1)?.at ?? Number.NaN)
      const ticks = [...new Set(h.sim.log.map((request) => request.at))]
      let previous = Number.NEGATIVE_INFINITY
      for (const tick of ticks) {
        const requests = h.sim.log.filter((request) => request.at === tick)
        const newlyFinished = finishedAt.filter((at) => at > previous && at <= tick).length
        expect(requests.filter((request) => request.path === '/v1/api/jobs')).to.have.length(2)
        expect(requests.filter((request) => request.path !== '/v1/api/jobs'), `tick at ${tick}`).to.have.length(newlyFinished)
        previous = tick
      }
      expect(h.sim.log).to.have.length(2 * ticks.length + 200)
      expect(polls.reduce((sum, poll) => sum + (poll.outcome.kind === 'list' ? poll.outcome.requests : 0), 0)).to.equal(h.sim.log.length)
      const jobs = byJob(watch.values.map(({ value }) => value))
      for (const id of ids) expect(jobs.get(id)?.finished).to.equal(1)
    })

    it('sees a job submitted after the watch began', async () => {
      h = await harness()
      const first = h.sim.createJob({ key: h.sim.testKey, asin: ASIN, queuedMs: 0, processingMs: 100 })
      const pixii = h.client()
      const watch = record(pixii.watchAsin$(ASIN), h.clock)
      await h.clock.advance(2_000)
      const accepted = await pixii.submitListingBuilder({ asin: ASIN, country_code: 'US', listing_type: 'amazon_main_images' })()
      if (accepted._tag === 'Left') throw accepted.left
      await h.clock.advance(10_000)
      const jobs = byJob(watch.values.map(({ value }) => value))
      expect(jobs.get(first)?.statuses).to.deep.equal(['processing', 'completed'])
      expect(jobs.get(accepted.right.job_id)?.statuses.at(-1)).to.equal('completed')
      expect(jobs.get(accepted.right.job_id)?.finished).to.equal(1)
      expect(watch.ended()).to.equal(false)
      watch.subscription.unsubscribe()
      const before = h.sim.log.length
      await h.clock.advance(3_600_000)
      expect(h.sim.log).to.have.length(before)
    })
  })

  describe('watchJobs$', () => {
    it('reads jobs that share an ASIN through one listing, and uses far fewer requests for it', async () => {
      const counts: number[] = []
      for (const batchByAsin of [false, true]) {
        h = await harness({ timeScale: 0.05 })
        const ids = Array.from({ length: 50 }, () => h.sim.createJob({ key: h.sim.liveKey, asin: ASIN }))
        const pixii = h.client({ apiKey: h.sim.liveKey })
        // The same schedule both ways, so that only the batching differs.
        const watch = record(pixii.watchJobs$(ids.map((id) => ({ id, asin: ASIN })), { batchByAsin, schedule: quickFirstSchedule }), h.clock)
        await h.clock.runUntil(watch.ended)
        const jobs = byJob(watch.values.map(({ value }) => value))
        for (const id of ids) expect(jobs.get(id)?.statuses.at(-1)).to.equal(h.sim.truth(id).at(-1)?.status)
        counts.push(h.sim.log.length)
        if (batchByAsin) {
          const ticks = new Set(h.sim.log.filter((request) => request.path === '/v1/api/jobs').map((request) => request.at)).size
          expect(h.sim.log).to.have.length(ticks + 50)
        }
        await h.close()
      }
      const [alone = 0, batched = 0] = counts
      // Seen: 300 requests alone, 56 batched (6 list ticks and 50 records).
      expect(batched).to.be.below(alone / 3)
      h = await harness()
    })

    it('batches jobs it submitted itself, having learned their ASIN', async () => {
      h = await harness()
      const pixii = h.client()
      const ids: string[] = []
      for (let n = 0; n < 3; n += 1) {
        const accepted = await pixii.submitAPlus({ asin: ASIN, country_code: 'US', types: ['A+ Basic'] })()
        if (accepted._tag === 'Left') throw accepted.left
        ids.push(accepted.right.job_id)
      }
      const submissions = h.sim.log.length
      const watch = record(pixii.watchJobs$(ids), h.clock)
      await h.clock.runUntil(watch.ended)
      const reads = h.sim.log.slice(submissions)
      expect(reads[0]?.path).to.equal('/v1/api/jobs')
      expect(reads.filter((request) => request.path.startsWith('/v1/api/jobs/'))).to.have.length(3)
    })

    it('falls back to polling alone a job the ASIN listing does not hold', async () => {
      h = await harness()
      const mine = h.sim.createJob({ key: h.sim.testKey, asin: ASIN })
      const elsewhere = h.sim.createJob({ key: h.sim.testKey, asin: 'B0OTHER0001' })
      const watch = record(h.client().watchJobs$([{ id: mine, asin: ASIN }, { id: elsewhere, asin: ASIN }]), h.clock)
      await h.clock.runUntil(watch.ended)
      const jobs = byJob(watch.values.map(({ value }) => value))
      expect(jobs.get(mine)?.statuses.at(-1)).to.equal('completed')
      expect(jobs.get(elsewhere)?.statuses.at(-1)).to.equal('completed')
    })

    it('reports a failed or unknown job as an event and goes on, or ends at once with failFast', async () => {
      h = await harness()
      const good = h.sim.createJob({ key: h.sim.testKey, queuedMs: 0, processingMs: 5_000 })
      const bad = h.sim.createJob({ key: h.sim.testKey, outcome: { kind: 'failure', errorCode: 'GENERATION_FAILED' } })
      const pixii = h.client()
      const tolerant = record(pixii.watchJobs$([good, bad, 'job_unknown']), h.clock)
      await h.clock.runUntil(tolerant.ended)
      const jobs = byJob(tolerant.values.map(({ value }) => value))
      expect(jobs.get(good)?.statuses.at(-1)).to.equal('completed')
      expect(jobs.get(bad)?.errors).to.deep.equal(['JobFailed'])
      expect(jobs.get('job_unknown')?.errors).to.deep.equal(['JobNotFound'])
      const strict = record(pixii.watchJobs$([good, bad], { failFast: true }), h.clock)
      await h.clock.runUntil(strict.ended)
      expect((strict.error as { _tag?: string })._tag).to.equal('JobFailed')
    })
  })

  it('ends at once with one ValidationError for bad options, sending nothing', async () => {
    h = await harness()
    const ids = [h.sim.createJob({ key: h.sim.testKey }), h.sim.createJob({ key: h.sim.testKey })]
    const watch = record(h.client().watchJobs$(ids, { retry: { maxConsecutiveFailures: -1 } }), h.clock)
    await h.clock.runUntil(watch.ended)
    expect(watch.values).to.deep.equal([])
    expect((watch.error as Error).message).to.equal('Invalid watchJobs$ options: retry.maxConsecutiveFailures: expected an integer ≥ 0, got -1')
    expect(h.sim.log).to.have.length(0)
  })
})
