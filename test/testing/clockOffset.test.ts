import { expect } from 'chai'
import { createSimulator, startSimulator, type Simulator } from '../../src/testing/index.js'
import { virtualClock, START, type Clock, type JobJson } from './support.js'

describe('simulator clock: a Date header from its own clock, and an offset from the client’s', () => {
  let clock: Clock
  let sim: Simulator
  beforeEach(() => {
    clock = virtualClock()
  })
  afterEach(() => sim.close())

  const read = async (base: string, id: string): Promise<{ date: string | null; body: JobJson }> => {
    const res = await (sim.url === undefined ? sim.fetch : globalThis.fetch)(`${base}/v1/api/jobs/${id}`, { headers: { Authorization: `Bearer ${sim.testKey}` } })
    return { date: res.headers.get('date'), body: (await res.json()) as JobJson }
  }

  for (const transport of ['memory', 'http'] as const) {
    it(`stamps its own time, ${transport === 'http' ? 'over HTTP' : 'in memory'}, offset by clockOffsetMs`, async () => {
      const offset = -600_000 + 1_250
      sim = transport === 'http' ? await startSimulator({ scheduler: clock.scheduler, clockOffsetMs: offset }) : createSimulator({ scheduler: clock.scheduler, clockOffsetMs: offset })
      const id = sim.createJob({ key: sim.testKey, queuedMs: 2_000, processingMs: 60_000 })
      clock.advance(3_000)
      const { date, body } = await read(sim.url ?? '', id)
      // Model time is the scheduler's plus the offset: the job, its Date header and the log agree.
      expect(body.created_at).to.equal(new Date(START + offset).toISOString())
      expect(body.started_at).to.equal(new Date(START + offset + 2_000).toISOString())
      expect(date).to.equal(new Date(START + offset + 3_000).toUTCString())
      expect(Date.parse(date ?? '')).to.equal(Math.floor((START + offset + 3_000) / 1000) * 1000)
      expect(sim.log[0]?.at).to.equal(START + offset + 3_000)
      expect(sim.truth(id).map((transition) => transition.status)).to.deep.equal(['pending', 'processing'])
    })
  }

  it('refuses an offset that is not a finite number', () => {
    expect(() => createSimulator({ clockOffsetMs: Number.NaN })).to.throw(RangeError, 'option clockOffsetMs must be a finite number, got NaN')
  })

  it('has no offset by default', async () => {
    sim = createSimulator({ scheduler: clock.scheduler })
    const id = sim.createJob({ key: sim.testKey })
    const { date, body } = await read('', id)
    expect(body.created_at).to.equal(new Date(START).toISOString())
    expect(date).to.equal(new Date(START).toUTCString())
  })
})
