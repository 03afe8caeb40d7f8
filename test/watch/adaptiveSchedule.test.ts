import { expect } from 'chai'
import { adaptiveSchedule, fixedSchedule, type Job, type PollContext } from '../../src/index.js'
import { modelJobs, seededRandom } from '../../bench/jobModel.js'
import { pollModelJob } from '../../bench/pollModelJob.js'
import { summarize } from '../../bench/requestsVsLatency.js'
import { harness, record, transitions, type Harness } from '../support/watchHarness.js'

const created = Date.parse('2026-01-01T00:00:00Z')
const job = (overrides: Partial<Job>): Job =>
  ({
    id: 'job_1', job_type: 'Scale', status: 'pending', created_at: new Date(created).toISOString(), started_at: null,
    completed_at: null, credit_cost: 10, credits_refunded: 0, output: null, error_code: null, ...overrides,
  }) as Job
const context = (overrides: Partial<PollContext>): PollContext => ({ attempt: 1, elapsedMs: 0, job: undefined, keyKind: 'live', now: created, ...overrides })
const processing = job({ status: 'processing', started_at: new Date(created + 10_000).toISOString() })

describe('adaptiveSchedule', () => {
  // A prior of exactly 100 s of processing and 10 s of queue, so that the window is [100 s, 100 s].
  const prior = { queueMs: [10_000], processingMs: [100_000] }

  it('polls test-key jobs quickly', () => {
    const schedule = adaptiveSchedule()
    const waits = [1, 2, 3, 4, 5, 6, 7].map((attempt) => schedule.nextDelayMs(context({ attempt, keyKind: 'test' })))
    expect(waits).to.deep.equal([250, 250, 500, 1_000, 2_000, 5_000, 5_000])
  })

  it('comes back to a queued live job once it has most likely started, at most 30 s later', () => {
    const schedule = adaptiveSchedule({ prior })
    expect(schedule.nextDelayMs(context({ job: job({}) }))).to.equal(10_000)
    expect(schedule.nextDelayMs(context({ job: job({}), now: created + 9_500 }))).to.equal(1_000)
    expect(adaptiveSchedule({ prior: { queueMs: [120_000], processingMs: [100_000] } }).nextDelayMs(context({ job: job({}) }))).to.equal(30_000)
  })

  it('anchors on started_at: waits for the likely window, polls it densely, then grows the step gently', () => {
    const schedule = adaptiveSchedule({ prior })
    const started = created + 10_000
    const at = (now: number): number => schedule.nextDelayMs(context({ job: processing, now }))
    expect(at(started + 1_000)).to.equal(60_000)
    expect(at(started + 60_000)).to.equal(40_000)
    expect(at(started + 99_000)).to.equal(4_700)
    expect(at(started + 100_000)).to.equal(4_700)
    expect(at(started + 200_000)).to.equal(10_000)
    expect(at(started + 2_000_000)).to.equal(60_000)
  })

  it('learns from finished jobs, per key kind and job type, and its state can be restored', () => {
    const schedule = adaptiveSchedule()
    for (let n = 0; n < 30; n += 1) {
      const finished = job({
        id: `job_${n}`, status: 'completed', output: { ads: [] },
        started_at: new Date(created + 5_000).toISOString(), completed_at: new Date(created + 5_000 + 40_000 + n * 100).toISOString(),
      })
      schedule.observe(finished, { keyKind: 'live' })
      schedule.observe(finished, { keyKind: 'live' })
    }
    const state = schedule.exportState()
    expect(Object.keys(state.jobTypes)).to.deep.equal(['live:Scale'])
    expect(state.jobTypes['live:Scale']?.processingMs).to.have.length(30)
    expect(state.jobTypes['live:Scale']?.queueMs[0]).to.equal(5_000)
    const restored = adaptiveSchedule({ state: JSON.parse(JSON.stringify(state)) as typeof state })
    const now = created + 10_000 + 1_000
    expect(restored.nextDelayMs(context({ job: processing, now }))).to.equal(schedule.nextDelayMs(context({ job: processing, now })))
    // Learned: about 40 s of processing, not the two-minute prior.
    expect(schedule.nextDelayMs(context({ job: processing, now }))).to.equal(39_029)
  })

  describe('as the default of a client, in virtual time', () => {
    let h: Harness
    afterEach(async () => h.close())

    it('sees a two-minute live job end with fewer requests than fixed 5 s polling', async () => {
      h = await harness()
      const id = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 10_100, processingMs: 109_800 })
      const watch = record(h.client({ apiKey: h.sim.liveKey }).watchJob$(id), h.clock)
      await h.clock.runUntil(watch.ended)
      // 0: pending; 26 s (the prior's 90 % queue time): processing, started at 10.1 s; then the window.
      expect(transitions(watch)).to.deep.equal([[0, 'pending'], [26_000, 'processing'], [123_000, 'completed']])
      // The same job takes 25 requests with fixedSchedule(5_000) (test/client/watchJob.test.ts).
      expect(h.sim.log.map((request) => request.at / 1000)).to.deep.equal([
        0, 26, 71.3, 76, 80.7, 85.4, 90.1, 94.8, 99.5, 104.2, 108.9, 113.6, 118.3, 123,
      ])
    })
  })

  it('uses under half the requests of fixed 5 s polling on the benchmark model, at a lower p95 latency', () => {
    const jobs = modelJobs(600, 7)
    const [fixed, ours] = [fixedSchedule(5_000), adaptiveSchedule()].map((schedule) => {
      const random = seededRandom(8)
      return summarize(jobs.map((model) => pollModelJob(model, schedule, random)))
    })
    if (fixed === undefined || ours === undefined) throw new Error('unreachable')
    expect(ours.requestsPerJob / fixed.requestsPerJob).to.be.below(0.5)
    expect(ours.p95).to.be.at.most(fixed.p95)
  })
})
