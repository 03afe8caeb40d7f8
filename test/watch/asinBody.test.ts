import { expect } from 'chai'
import { adaptiveSchedule, type JobEvent, type PollEvent } from '../../src/index.js'
import { harness, record, type Harness } from '../support/watchHarness.js'

const ASIN = 'B0CHX1W1XY'

/** Per job id: its events, as `kind:status` or `error:tag`. */
function eventsById(events: readonly JobEvent[]): Map<string, string[]> {
  const byId = new Map<string, string[]>()
  for (const event of events) {
    const line = event.kind === 'error' ? `error:${event.error._tag}` : `${event.kind}:${event.status}`
    byId.set(event.id, [...(byId.get(event.id) ?? []), line])
  }
  return byId
}

describe('asinBody: the jobs of one ASIN through its listing (watchJobs$ batching)', () => {
  let h: Harness
  afterEach(async () => h.close())

  it('keeps the records of a tick that failed on another record, and fetches only the missing one again', async () => {
    h = await harness()
    const ids = Array.from({ length: 3 }, () => h.sim.createJob({ key: h.sim.testKey, asin: ASIN, queuedMs: 0, processingMs: 100 }))
    const last = ids[2] as string
    h.sim.faults.inject({ kind: 'status', status: 503 }, { match: { path: `/v1/api/jobs/${last}` } })
    const polls: PollEvent[] = []
    const watch = record(h.client().watchJobs$(ids.map((id) => ({ id, asin: ASIN })), { onPoll: (event) => polls.push(event) }), h.clock)
    await h.clock.runUntil(watch.ended)
    const reads = ids.map((id) => h.sim.log.filter((request) => request.path === `/v1/api/jobs/${id}`).map((request) => request.status))
    expect(reads).to.deep.equal([[200], [200], [503, 200]])
    expect(polls.map((poll) => (poll.decision.kind === 'wait' ? poll.decision.reason : poll.decision.reason))).to.deep.equal(['schedule', 'backoff', 'idle'])
    const events = eventsById(watch.values.map(({ value }) => value))
    for (const id of ids) expect(events.get(id), id).to.deep.equal(['status:processing', 'job:completed'])
  })

  it('gets eight jobs that finish together through, though every second record read fails', async () => {
    h = await harness({ seed: 4 })
    const ids = Array.from({ length: 8 }, () => h.sim.createJob({ key: h.sim.testKey, asin: ASIN, queuedMs: 0, processingMs: 100 }))
    h.sim.faults.rate({ kind: 'status', status: 503 }, 0.5, { match: { path: /^\/v1\/api\/jobs\/job_/ } })
    const watch = record(h.client().watchJobs$(ids.map((id) => ({ id, asin: ASIN }))), h.clock)
    await h.clock.runUntil(watch.ended)
    const events = eventsById(watch.values.map(({ value }) => value))
    for (const id of ids) expect(events.get(id), id).to.deep.equal(['status:processing', 'job:completed'])
    expect(h.sim.log.filter((request) => request.status === 503).length).to.be.greaterThan(4)
  })

  describe('feeds what it reads to the client’s schedule, as job answers do', () => {
    // Pixii's clock ahead of the client's (> 0) or behind it (< 0).
    for (const [clockOffsetMs, http] of [[600_000, false], [-600_000, false], [30_000, true], [-600_000, true]] as const) {
      it(`estimates Pixii's clock from the listing's Date header: ${Math.abs(clockOffsetMs) / 1000} s ${clockOffsetMs > 0 ? 'ahead' : 'behind'}${http ? ', over HTTP' : ''}`, async () => {
        h = await harness({ clockOffsetMs, http })
        const schedule = adaptiveSchedule()
        h.sim.createJob({ key: h.sim.liveKey, asin: ASIN, queuedMs: 1_000, processingMs: 600_000 })
        const watch = record(h.client({ apiKey: h.sim.liveKey, schedule }).watchAsin$(ASIN), h.clock)
        // The first tick lists the job; no job answer has come yet.
        await h.clock.runUntil(() => watch.values.length === 1)
        watch.subscription.unsubscribe()
        expect(h.sim.log.map((request) => request.path)).to.deep.equal(['/v1/api/jobs'])
        // A Date header counts whole seconds: within half a second of the truth.
        expect(Math.abs(schedule.clockOffsetMs() - clockOffsetMs)).to.be.at.most(500)
      })
    }

    it('learns how long the jobs it found finished took, from their records', async () => {
      h = await harness({ clockOffsetMs: -600_000 })
      const schedule = adaptiveSchedule()
      const id = h.sim.createJob({ key: h.sim.liveKey, asin: ASIN, queuedMs: 2_000, processingMs: 40_000 })
      const watch = record(h.client({ apiKey: h.sim.liveKey, schedule }).watchAsin$(ASIN, { completeWhenIdle: true }), h.clock)
      await h.clock.runUntil(watch.ended)
      expect(eventsById(watch.values.map(({ value }) => value)).get(id)).to.deep.equal(['status:pending', 'status:processing', 'job:completed'])
      const learned = Object.values(schedule.exportState().jobTypes)
      expect(learned.map((kind) => [kind.queueMs, kind.processingMs])).to.deep.equal([[[2_000], [40_000]]])
    })
  })
})
