import { expect } from 'chai'
import { adaptiveSchedule, fixedSchedule, type Job, type PollContext } from '../../src/index.js'
import { harness, record, transitions, type Harness } from '../support/watchHarness.js'

const created = Date.parse('2026-01-01T00:00:00Z')
const job = (overrides: Partial<Job>): Job =>
  ({
    id: 'job_1', job_type: 'Scale', status: 'pending', created_at: new Date(created).toISOString(), started_at: null,
    completed_at: null, credit_cost: 10, credits_refunded: 0, output: null, error_code: null, ...overrides,
  }) as Job
const context = (overrides: Partial<PollContext>): PollContext => ({ attempt: 2, elapsedMs: 0, job: undefined, keyKind: 'live', now: created, ...overrides })
const started = created + 10_000
const processing = job({ status: 'processing', started_at: new Date(started).toISOString() })
/** 30 Scale jobs queued 5 s and processed 40–42.9 s, as exportState() writes them. */
const learnedState = {
  version: 1,
  jobTypes: { 'live:Scale': { queueMs: Array<number>(30).fill(5_000), processingMs: Array.from({ length: 30 }, (_, n) => 40_000 + n * 100) } },
} as const

describe('adaptiveSchedule', () => {
  it('polls test-key jobs quickly', () => {
    const schedule = adaptiveSchedule()
    const waits = [1, 2, 3, 4, 5, 6, 7].map((attempt) => schedule.nextDelayMs(context({ attempt, keyKind: 'test' })))
    expect(waits).to.deep.equal([250, 250, 500, 1_000, 2_000, 5_000, 5_000])
  })

  it('before evidence, trusts its prior only within priorDoubt, and never grows the step', () => {
    const schedule = adaptiveSchedule()
    const at = (elapsed: number): number => schedule.nextDelayMs(context({ job: processing, now: started + elapsed }))
    // The prior's shortest processing time is 60 s; a third of it is 20 s: the first poll that can
    // see an end within a step comes one step later, at 24.7 s.
    expect(at(1_000)).to.equal(23_700)
    expect([at(20_000), at(120_000), at(600_000)]).to.deep.equal([4_700, 4_700, 4_700])
    // Queued: it cannot end sooner than 20 s from now either, and a poll one step after that sees
    // within a step an end the window holds, however long the job still queues. It goes there from
    // when the job likely starts (the median of the prior's queue times left, 15 s), but at most a
    // step later: 29.4 s.
    expect(schedule.nextDelayMs(context({ job: job({}) }))).to.equal(29_400)
    expect(adaptiveSchedule({ priorDoubt: 1 }).nextDelayMs(context({ job: processing, now: started + 1_000 }))).to.equal(60_000)
  })

  it('lets one finished job shorten the wait at once, below what the prior allows', () => {
    const schedule = adaptiveSchedule()
    const quick = job({ id: 'quick', status: 'completed', started_at: new Date(started).toISOString(), completed_at: new Date(started + 8_000).toISOString() })
    schedule.observe(quick, { keyKind: 'live' })
    // 8 s seen once: ends from 4 s on (half of it, as one sample leaves half its value below it on
    // average), so a poll at 8.7 s, one step past that.
    expect(schedule.nextDelayMs(context({ job: processing, now: started + 1_000 }))).to.equal(7_700)
    expect(adaptiveSchedule().nextDelayMs(context({ job: processing, now: started + 1_000 }))).to.equal(23_700)
  })

  it('with 20 jobs or more, skips to the window they place, polls it densely, then grows the step', () => {
    const schedule = adaptiveSchedule({ state: learnedState })
    const at = (elapsed: number): number => schedule.nextDelayMs(context({ job: processing, now: started + elapsed }))
    // The window starts a little below the shortest of 30 (40 s × 30/31): its first poll is one step
    // into it, with no maxDelayMs cap.
    expect(at(1_000)).to.equal(42_410)
    expect(at(40_000)).to.equal(4_700)
    // 100 s past the window's end (42.9 s): 4.7 s + a tenth of that.
    expect(at(142_900)).to.equal(14_700)
    // Queued: back when it has almost surely started (5 s).
    expect(schedule.nextDelayMs(context({ job: job({}) }))).to.equal(5_000)
  })

  it('polls a queued job one step into the window from its likely start, at most a step later', () => {
    // 30 jobs queued 0–8.7 s and processed 15–26.6 s: the window starts at 14.5 s of processing.
    const state = {
      version: 1,
      jobTypes: {
        'live:Scale': { queueMs: Array.from({ length: 30 }, (_, n) => n * 300), processingMs: Array.from({ length: 30 }, (_, n) => 15_000 + n * 400) },
      },
    } as const
    const schedule = adaptiveSchedule({ state })
    const queuedFor = (ms: number): number => schedule.nextDelayMs(context({ job: job({}), now: created + ms }))
    // Just created: the median queue time is 4.5 s, so 14.5 s + 4.7 s + 4.5 s.
    expect(queuedFor(0)).to.equal(23_716)
    // Queued 6 s: of the jobs that queued longer, half started 1.5 s later.
    expect(queuedFor(6_000)).to.equal(20_716)
    // Queued longer than any learned job: it starts about now.
    expect(queuedFor(20_000)).to.equal(19_216)
    // Never past pendingMaxMs for it: then straight one step into the window, as if it started now.
    expect(adaptiveSchedule({ state, pendingMaxMs: 21_000 }).nextDelayMs(context({ job: job({}) }))).to.equal(19_216)
  })

  it('once 20 test-key jobs of a type are known, polls one again when theirs had all but ended', () => {
    const state = { version: 1, jobTypes: { 'test:Scale': { queueMs: Array<number>(30).fill(50), processingMs: Array.from({ length: 30 }, (_, n) => 300 + n * 10) } } } as const
    const schedule = adaptiveSchedule({ state })
    const testJob = job({ status: 'processing', started_at: new Date(created).toISOString() })
    const waits = [1, 2, 3].map((attempt) => schedule.nextDelayMs(context({ attempt, job: testJob, keyKind: 'test' })))
    // After the first answer, once the window holding 95 % of their processing times has passed
    // (with 30 of them, up to the longest, 590 ms); then quickly again, as without evidence.
    expect(waits).to.deep.equal([590, 250, 500])
    expect(adaptiveSchedule().nextDelayMs(context({ attempt: 1, job: testJob, keyKind: 'test' }))).to.equal(250)
    // Many still running past every one that finished: no end is known, so quickly again.
    for (let n = 0; n < 40; n += 1) {
      schedule.observe(job({ id: `slow_${n}`, status: 'processing', started_at: new Date(created).toISOString() }), { keyKind: 'test', now: created + 5_000 })
    }
    expect(schedule.nextDelayMs(context({ attempt: 1, job: testJob, keyKind: 'test' }))).to.equal(250)
  })

  it('counts jobs still running: while many outlast what finished, it keeps polling densely', () => {
    const schedule = adaptiveSchedule({ state: learnedState })
    for (let n = 0; n < 20; n += 1) {
      schedule.observe(job({ id: `running_${n}`, status: 'processing', started_at: new Date(started).toISOString() }), { keyKind: 'live', now: started + 100_000 })
    }
    expect(schedule.nextDelayMs(context({ job: processing, now: started + 142_900 }))).to.equal(4_700)
  })

  it('keeps its evidence while thousands of jobs of the kind run at once', () => {
    const schedule = adaptiveSchedule({ state: learnedState })
    for (let n = 0; n < 3_000; n += 1) {
      schedule.observe(job({ id: `running_${n}`, status: 'processing', started_at: new Date(started).toISOString() }), { keyKind: 'live', now: started + 10_000 })
    }
    expect(schedule.nextDelayMs(context({ job: processing, now: started + 1_000 }))).to.equal(42_410)
    expect(schedule.exportState().jobTypes['live:Scale']?.processingMs).to.have.length(30)
  })

  it('learns per key kind and job type, and restored state counts as evidence', () => {
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
    const now = started + 1_000
    expect(restored.nextDelayMs(context({ job: processing, now }))).to.equal(schedule.nextDelayMs(context({ job: processing, now })))
    expect(restored.nextDelayMs(context({ job: processing, now }))).to.equal(42_410)
    expect(adaptiveSchedule().nextDelayMs(context({ job: processing, now: started + 1_000 }))).to.equal(23_700)
  })

  it('refuses a coverage, doubt or step out of range, naming what is wrong', () => {
    expect(() => adaptiveSchedule({ coverage: 1 })).to.throw(/0 < coverage < 1/)
    expect(() => adaptiveSchedule({ priorDoubt: 0.5 })).to.throw(/priorDoubt ≥ 1/)
    expect(() => adaptiveSchedule({ windowStepMs: 0 })).to.throw(/windowStepMs/)
  })

  describe('decides on Pixii’s clock, not the client’s', () => {
    const answered = (schedule: ReturnType<typeof adaptiveSchedule>, clientNow: number, serverNow: number): void => {
      const serverDate = Math.floor(serverNow / 1000) * 1000
      schedule.observe(processing, { keyKind: 'live', now: clientNow, answer: { requestedAt: clientNow - 40, answeredAt: clientNow, serverDate } })
    }
    for (const skew of [-600_000, -5_000, 5_000, 600_000]) {
      it(`with the client's clock ${Math.abs(skew) / 1000} s ${skew < 0 ? 'behind' : 'ahead'}`, () => {
        const [true_, skewed] = [adaptiveSchedule({ state: learnedState }), adaptiveSchedule({ state: learnedState })]
        // Answers at 300 ms phases of the second: the bounds of whole-second Date headers narrow.
        for (const elapsed of [1_000, 1_300, 1_600, 1_900]) {
          answered(true_, started + elapsed, started + elapsed)
          answered(skewed, started + elapsed + skew, started + elapsed)
        }
        expect(Math.abs(skewed.clockOffsetMs() + skew)).to.be.below(400)
        const now = started + 2_000
        expect(Math.abs(skewed.nextDelayMs(context({ job: processing, now: now + skew })) - true_.nextDelayMs(context({ job: processing, now })))).to.be.below(400)
      })
    }

    it('re-estimates when the client’s clock jumps mid-watch', () => {
      const schedule = adaptiveSchedule({ state: learnedState })
      for (const elapsed of [1_000, 1_300, 1_600]) answered(schedule, started + elapsed, started + elapsed)
      expect(Math.abs(schedule.clockOffsetMs())).to.be.below(400)
      // The laptop wakes: its clock now reads 7 minutes more than Pixii's.
      answered(schedule, started + 2_000 + 420_000, started + 2_000)
      expect(Math.abs(schedule.clockOffsetMs() + 420_000)).to.be.below(1_000)
    })
  })

  describe('estimates when a job will finish', () => {
    const state = {
      version: 1,
      jobTypes: { 'live:Scale': { queueMs: Array<number>(20).fill(5_000), processingMs: Array.from({ length: 20 }, (_, n) => 90_000 + n * 3_000) } },
    } as const

    it('says there is no estimate before five jobs of its kind have finished', () => {
      expect(adaptiveSchedule().estimate({ job: processing, keyKind: 'live', now: started })).to.deep.equal({ kind: 'none', reason: 'no-evidence' })
    })

    it('gives the median and the 10–90 % interval of what it learned, given how long the job has run', () => {
      const estimate = adaptiveSchedule({ state }).estimate({ job: processing, keyKind: 'live', now: started + 1_000 })
      if (estimate.kind !== 'estimate') throw new Error(`no estimate: ${estimate.reason}`)
      // 20 jobs of 90 s, 93 s … 147 s: the 2nd, 10th and 18th.
      expect([estimate.low - started, estimate.at - started, estimate.high - started]).to.deep.equal([93_000, 117_000, 141_000])
      expect(estimate).to.include({ coverage: 0.8, samples: 20 })
      const later = adaptiveSchedule({ state }).estimate({ job: processing, keyKind: 'live', now: started + 120_000 })
      if (later.kind !== 'estimate') throw new Error('no estimate')
      // Past 120 s only the 9 longest remain, 123 s … 147 s: the 10–90 % interval spans them.
      expect([later.low - started, later.high - started]).to.deep.equal([123_000, 147_000])
    })

    it('says overdue past everything learned, finished once the job is', () => {
      const schedule = adaptiveSchedule({ state })
      expect(schedule.estimate({ job: processing, keyKind: 'live', now: started + 200_000 })).to.deep.equal({ kind: 'none', reason: 'overdue' })
      const done = job({ status: 'completed', started_at: processing.started_at, completed_at: new Date(started + 100_000).toISOString() })
      expect(schedule.estimate({ job: done, keyKind: 'live', now: started + 100_000 })).to.deep.equal({ kind: 'none', reason: 'finished' })
    })

    it('turns its answer into the client’s clock', () => {
      const schedule = adaptiveSchedule({ state })
      const skew = 600_000
      for (const elapsed of [1_000, 1_300, 1_600, 1_900]) {
        const clientNow = started + elapsed + skew
        const serverDate = Math.floor((started + elapsed) / 1000) * 1000
        schedule.observe(processing, { keyKind: 'live', now: clientNow, answer: { requestedAt: clientNow, answeredAt: clientNow, serverDate } })
      }
      const estimate = schedule.estimate({ job: processing, keyKind: 'live', now: started + 2_000 + skew })
      if (estimate.kind !== 'estimate') throw new Error('no estimate')
      expect(Math.abs(estimate.at - (started + skew + 117_000))).to.be.below(400)
    })
  })

  describe('as the default of a client, in virtual time', () => {
    let h: Harness
    afterEach(async () => h.close())

    const watchTwoMinuteJob = async (clockOffsetMs: number): Promise<{ transitions: Array<[number, string]>; requests: number[] }> => {
      h = await harness({ clockOffsetMs })
      const id = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 10_100, processingMs: 109_800 })
      const watch = record(h.client({ apiKey: h.sim.liveKey }).watchJob$(id), h.clock)
      await h.clock.runUntil(watch.ended)
      const first = h.sim.log[0]?.at ?? Number.NaN
      const requests = h.sim.log.map((request) => (request.at - first) / 1000)
      return { transitions: transitions(watch), requests }
    }

    it('sees a two-minute live job end, before any evidence, within one window step', async () => {
      const { transitions: seen, requests } = await watchTwoMinuteJob(0)
      // 0: pending; 29.4 s (one step past a third of the prior's shortest, from when the prior's
      // queue times place its start, at most a step later): processing, started at 10.1 s; from one
      // step past 20 s of processing on (Pixii's clock, known within the half second its Date
      // header leaves), every 4.7 s.
      expect(seen).to.deep.equal([[0, 'pending'], [29_400, 'processing'], [123_800, 'completed']])
      expect(requests.slice(0, 4)).to.deep.equal([0, 29.4, 34.5, 39.2])
      // Completed at 119.9 s, seen 3.9 s later with 22 requests (fixed 5 s: 25 requests).
      expect(requests).to.have.length(22)
    })

    for (const clockOffsetMs of [-600_000, 600_000]) {
      it(`polls the same with Pixii's clock ${clockOffsetMs > 0 ? 'ahead of' : 'behind'} the client's by 10 minutes`, async () => {
        const skewed = await watchTwoMinuteJob(clockOffsetMs)
        await h.close()
        const straight = await watchTwoMinuteJob(0)
        expect(skewed).to.deep.equal(straight)
      })
    }
  })

  it('polls a completed job it was asked about as quickly as an unknown one', () => {
    const done = job({ status: 'completed' })
    expect(adaptiveSchedule().nextDelayMs(context({ job: done, attempt: 1 }))).to.equal(fixedSchedule(250).nextDelayMs(context({})))
  })
})
