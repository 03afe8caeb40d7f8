import { expect } from 'chai'
import sinon from 'sinon'
import { createSimulator } from '../../src/testing/index.js'
import type { JobJson } from './support.js'

// The default scheduler (asyncScheduler) reads Date.now and sets intervals, so sinon's fake
// timers drive the simulator as well as a VirtualTimeScheduler does.
describe('simulator on the default scheduler with sinon fake timers', () => {
  let clock: sinon.SinonFakeTimers
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.UTC(2025, 5, 1), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  })
  afterEach(() => clock.restore())

  it('runs the lifecycle and latency faults on the fake clock', async () => {
    const sim = createSimulator()
    const id = sim.createJob({ key: sim.testKey, queuedMs: 100, processingMs: 400 })
    const read = async () => {
      const res = await sim.fetch(`/v1/api/jobs/${id}`, { headers: { Authorization: `Bearer ${sim.testKey}` } })
      return (await res.json()) as JobJson
    }
    expect((await read()).status).to.equal('pending')
    sim.faults.inject({ kind: 'latency', ms: 1000 })
    const delayed = read()
    await clock.tickAsync(1000)
    expect(await delayed).to.deep.include({ status: 'completed', completed_at: '2025-06-01T00:00:00.500Z' })
    expect(sim.truth(id).map((t) => t.at - Date.UTC(2025, 5, 1))).to.deep.equal([0, 100, 500])
    await sim.close()
  })
})
