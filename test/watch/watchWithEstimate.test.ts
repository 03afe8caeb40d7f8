import { expect } from 'chai'
import { adaptiveSchedule, type PollEvent } from '../../src/index.js'
import { watchWithEstimate$, type EstimatedJob } from '../../src/advanced/index.js'
import { harness, record, type Harness } from '../support/watchHarness.js'

/** 20 Listing Builder jobs that ran 90 s, 93 s … 147 s after 5 s in the queue. */
const state = {
  version: 1,
  jobTypes: { 'live:Listing Builder': { queueMs: Array<number>(20).fill(5_000), processingMs: Array.from({ length: 20 }, (_, n) => 90_000 + n * 3_000) } },
} as const

describe('watchWithEstimate$ and the estimate on PollEvent', () => {
  let h: Harness
  afterEach(async () => h.close())

  it('pairs the job with a fresh estimate on every answer, without a request of its own', async () => {
    h = await harness({ clockOffsetMs: 300_000 })
    const pixii = h.client({ apiKey: h.sim.liveKey, schedule: adaptiveSchedule({ state }) })
    const id = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 0, processingMs: 100_000 })
    const watch = record(watchWithEstimate$(pixii, id), h.clock)
    await h.clock.runUntil(watch.ended)
    expect(watch.error).to.equal(undefined)
    const seen: EstimatedJob[] = watch.values.map(({ value }) => value)
    // One emission per answer: the watch asked nothing more than watchJob$ would.
    expect(seen).to.have.length(h.sim.log.length)
    expect(seen.map(({ job }) => job.status)).to.deep.equal([...Array<string>(seen.length - 1).fill('processing'), 'completed'])
    const first = seen[0]?.estimate
    if (first?.kind !== 'estimate') throw new Error('no first estimate')
    // Started at the client's 0 (Pixii's clock is 5 min ahead; the estimate is on the client's):
    // the 2nd, 10th and 18th of the 20 learned times.
    expect([first.low, first.at, first.high].map((ms) => Math.round(ms / 1000))).to.deep.equal([93, 117, 141])
    expect(seen.at(-1)?.estimate).to.deep.equal({ kind: 'none', reason: 'finished' })
    // Past 117 s the median moves later as the job runs on; here it ends at 100 s, inside its first interval.
    expect(first.low <= 100_000 && 100_000 <= first.high).to.equal(true)
  })

  it('says there is no estimate before the schedule has evidence', async () => {
    h = await harness()
    const events: PollEvent[] = []
    const pixii = h.client({ apiKey: h.sim.liveKey, onPoll: (event) => events.push(event) })
    const id = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 0, processingMs: 30_000 })
    const watch = record(watchWithEstimate$(pixii, id), h.clock)
    await h.clock.runUntil(watch.ended)
    expect(events.length).to.be.above(2)
    expect(events.slice(0, -1).every((event) => event.estimate?.kind === 'none' && event.estimate.reason === 'no-evidence')).to.equal(true)
    expect(watch.values.slice(0, -1).every(({ value }) => value.estimate.kind === 'none')).to.equal(true)
  })

  it('lets every watchJob$ subscriber of a job hear its shared polls, the later one too', async () => {
    h = await harness()
    const pixii = h.client({ apiKey: h.sim.liveKey, schedule: adaptiveSchedule({ state }) })
    const id = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 0, processingMs: 100_000 })
    const early: PollEvent[] = []
    const late: PollEvent[] = []
    const first = record(pixii.watchJob$(id, { onPoll: (event) => early.push(event) }), h.clock)
    await h.clock.advance(30_000)
    const second = record(pixii.watchJob$(id, { onPoll: (event) => late.push(event) }), h.clock)
    await h.clock.runUntil(() => first.ended() && second.ended())
    expect(early).to.have.length(h.sim.log.length)
    expect(late.length).to.be.above(0)
    expect(late).to.deep.equal(early.slice(early.length - late.length))
    expect(late.every((event) => event.estimate !== undefined)).to.equal(true)
    // The later watch left with the loop: nothing keeps calling it.
    second.subscription.unsubscribe()
  })
})
