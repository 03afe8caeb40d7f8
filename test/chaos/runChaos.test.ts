import { expect } from 'chai'
import { applyFaultMix } from '../../chaos/applyFaultMix.js'
import type { ChaosFigures } from '../../chaos/ChaosFigures.js'
import { ISSUE_FAULT_MIX } from '../../chaos/FaultMix.js'
import { runChaos } from '../../chaos/runChaos.js'
import { createSimulator, type Simulator } from '../../src/testing/index.js'
import { VirtualClock } from '../support/virtualTime.js'

/**
 * The short chaos run: the full run's scenario and checks, on 160 jobs, in virtual time, in memory.
 * Seed 1 is one whose draws hit every fault kind, a solo watch and an ASIN group with an answer
 * about another job, and let every endless job's watch reach its deadline.
 */
async function shortRun(seed: number): Promise<{ figures: ChaosFigures; clock: VirtualClock; sim: Simulator }> {
  const clock = new VirtualClock()
  const sim = createSimulator({ scheduler: clock.scheduler, seed })
  try {
    const figures = await runChaos({
      sim,
      baseUrl: 'http://127.0.0.1:1',
      fetch: sim.fetch,
      scheduler: clock.scheduler,
      plan: { jobs: 160, seed, cancelShare: 0.1, groupShare: 0.2, endlessShare: 0.02 },
      concurrency: 40,
      requestTimeoutMs: 1_500,
      watchTimeoutMs: 60_000,
      retry: { maxConsecutiveFailures: 20, maxBackoffMs: 2_000 },
      faults: ISSUE_FAULT_MIX,
      until: (_finished, done) => clock.runUntil(done, 3_600_000),
      wait: (ms) => clock.advance(ms),
      quietMs: 10_000,
    })
    return { figures, clock, sim }
  } finally {
    await sim.close()
  }
}

describe('chaos, the short run (virtual time, in-memory simulator)', () => {
  let run: Awaited<ReturnType<typeof shortRun>>
  before(async () => {
    run = await shortRun(1)
  })

  it('keeps every promise: nothing lost, duplicated, backwards or foreign, every final state and deadline right, nothing sent after a cut or a deadline', () => {
    const zeros = Object.fromEntries(Object.keys(run.figures.zeros).map((key) => [key, 0]))
    expect(run.figures.zeros, run.figures.processSamples.join('\n')).to.deep.equal(zeros)
  })

  it('really was chaotic: every fault kind hit, retries made, watches cut, final states varied', () => {
    const { figures } = run
    expect(figures.jobs).to.equal(160)
    expect(Object.keys(figures.faults)).to.include.members(
      ['empty', 'hang', 'html', 'latency', 'malformed-json', 'misdirected', 'rate-limit', 'reset', 'stale', 'status 500', 'status 503'],
    )
    expect(figures.retries.backoff).to.be.greaterThan(50)
    expect(figures.retries.retryAfter).to.be.greaterThan(10)
    expect(figures.cut).to.be.greaterThan(5)
    expect(figures.groupedJobs).to.equal(32)
    expect(figures.outcomes.completed).to.be.greaterThan(0)
    expect(figures.outcomes.partial).to.be.greaterThan(0)
    expect(figures.outcomes.failed).to.be.greaterThan(0)
  })

  it('sent answers about another job, and each watch that got one refused it, alone and in an ASIN group', () => {
    const { figures } = run
    expect(figures.faults['misdirected']).to.be.greaterThan(0)
    expect(figures.misdirectedRefused.solo).to.be.greaterThan(0)
    expect(figures.misdirectedRefused.grouped).to.be.greaterThan(0)
    expect(figures.zeros.foreign).to.equal(0)
  })

  it('ended the watch of every job that never finishes by its deadline, with the last job seen, and asked nothing after', () => {
    const { figures } = run
    expect(figures.outcomes.unfinished).to.equal(4)
    expect(figures.timedOut).to.equal(4)
    expect(figures.zeros).to.include({ wrongDeadline: 0, fetchesAfterDeadline: 0, arrivalsAfterDeadline: 0 })
  })

  it('leaves no timer behind on the clock', () => {
    expect(run.clock.scheduler.actions).to.have.length(0)
  })

  it('gives the same figures for the same seed', async () => {
    const again = await shortRun(1)
    expect(again.figures).to.deep.equal(run.figures)
  })
})

describe('applyFaultMix', () => {
  it('gives each fault its own share of all requests, not a share of what earlier rules left', async () => {
    const clock = new VirtualClock()
    const sim = createSimulator({ scheduler: clock.scheduler, seed: 3 })
    applyFaultMix(sim, [
      { fault: { kind: 'status', status: 500 }, share: 0.5 },
      { fault: { kind: 'html' }, share: 0.25 },
      { fault: { kind: 'empty' }, share: 0.25 },
    ])
    for (let n = 0; n < 4_000; n += 1) await sim.fetch('/v1/api/jobs/job_1')
    const share = (kind: string): number => sim.log.filter((request) => request.fault === kind).length / 4_000
    expect(share('status')).to.be.closeTo(0.5, 0.03)
    expect(share('html')).to.be.closeTo(0.25, 0.03)
    expect(share('empty')).to.be.closeTo(0.25, 0.03)
    await sim.close()
  })
})
