import { expect } from 'chai'
import type { ChildProcess } from 'node:child_process'
import type { SimulatorLedger } from '../../src/testing/index.js'
import { cliBundle, finished, firstLine, runCli, startCli, untilOutput } from './support/cliProcess.js'

interface Simulated {
  readonly url: string
  readonly liveKey: string
  readonly ledger: string
}

describe('pixii-rx simulate for a client under test in another process: requests printed, answers lost or late, the truth served', function () {
  let simulator: ChildProcess
  let sim: Simulated
  let ended: ReturnType<typeof finished>

  before(async function () {
    await cliBundle()
    simulator = await startCli(['simulate', '--json', '--requests', '--ledger', '--lost-answers', '1', '--credits', '900', '--per-minute', '50', '--time-scale', '0'])
    sim = JSON.parse(await firstLine(simulator)) as Simulated
    ended = finished(simulator)
  })

  after(async () => {
    simulator.kill('SIGTERM')
    expect((await ended).code).to.equal(130)
  })

  it('prints each API request as it arrives, loses every answer with --lost-answers 1, and its ledger still has the job and its cost', async () => {
    expect(sim.ledger).to.equal(`${sim.url}/_simulator/ledger`)
    const printed = untilOutput(simulator, 'stdout', /"kind":"request"[^\n]*"method":"POST"[^\n]*\n/)
    const lost = await fetch(`${sim.url}/v1/api/listing_builder`, {
      method: 'POST', headers: { Authorization: `Bearer ${sim.liveKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ asin: 'B0TRUTH001', country_code: 'US', listing_type: 'amazon_listing' }),
    }).then((answer) => answer.json()).then(() => 'read', (error: Error) => error.name)
    expect(lost, 'the body is cut off').to.equal('TypeError')
    const line = (await printed).split('\n').find((text) => text.includes('"POST"'))
    expect(JSON.parse(line ?? '{}')).to.deep.include({ kind: 'request', seq: 1, method: 'POST', path: '/v1/api/listing_builder' })
    const ledger = (await (await fetch(sim.ledger)).json()) as SimulatorLedger
    expect(ledger.jobs.map((job) => [job.asin, job.jobType, job.live])).to.deep.equal([['B0TRUTH001', 'Listing Builder', true]])
    expect(ledger.requests.faulted).to.deep.equal({ reset: 1 })
    const spent = ledger.jobs[0]?.creditCost ?? 0
    expect(spent).to.be.greaterThan(0)
    expect(ledger.organisations[0]).to.deep.include({ credits: 900, left: 900 - spent })
  })

  it('refuses values out of range, naming the option', async () => {
    for (const [flag, value] of [['--lost-answers', '1.5'], ['--answer-delay', '-1'], ['--credits', '0'], ['--per-day', 'many']]) {
      const run = await runCli(['simulate', flag ?? '', value ?? ''])
      expect(run.code, run.stderr).to.equal(2)
      expect(run.stderr).to.include(flag)
    }
  })
})

describe('pixii-rx simulate --answer-delay: the job exists at once, its answer comes later', function () {
  it('a client that gives up during the delay left a job it never heard of', async () => {
    const simulator = await startCli(['simulate', '--json', '--ledger', '--answer-delay', '60000'])
    const ended = finished(simulator)
    try {
      const sim = JSON.parse(await firstLine(simulator)) as Simulated
      const controller = new AbortController()
      const answer = fetch(`${sim.url}/v1/api/listing_builder`, {
        method: 'POST', signal: controller.signal, headers: { Authorization: `Bearer ${sim.liveKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ asin: 'B0TRUTH002', country_code: 'US', listing_type: 'amazon_listing' }),
      }).then(() => 'answered', (error: Error) => error.name)
      // Waits on the simulator's truth, never on a clock: the job shows in the ledger while the answer is held.
      for (;;) {
        const ledger = (await (await fetch(sim.ledger)).json()) as SimulatorLedger
        if (ledger.jobs.length > 0) break
      }
      controller.abort()
      expect(await answer).to.equal('AbortError')
      for (;;) {
        const ledger = (await (await fetch(sim.ledger)).json()) as SimulatorLedger
        if (ledger.requests.abortedByClient.length === 0) continue
        expect(ledger.requests.abortedByClient).to.deep.equal([{ seq: 1, method: 'POST', path: '/v1/api/listing_builder', status: null }])
        expect(ledger.jobs.map((job) => job.asin)).to.deep.equal(['B0TRUTH002'])
        break
      }
    } finally {
      simulator.kill('SIGTERM')
      expect((await ended).code).to.equal(130)
    }
  })
})
