import { expect } from 'chai'
import { createHash } from 'node:crypto'
import { startSimulator, type Simulator, type SimulatorLedger } from '../../src/testing/index.js'

const sha256 = (bytes: ArrayBuffer): string => createHash('sha256').update(Buffer.from(bytes)).digest('hex')
const instant = { queuedMs: [0, 0], processingMs: [0, 0] } as const

describe('the simulator ledger (its truth, for a judge in another process)', () => {
  let sim: Simulator & { url: string }
  afterEach(() => sim.close())

  it('lists every job with its ASIN, status, credits and the hash of each image it serves', async () => {
    sim = await startSimulator({ liveDurations: instant, credits: 500, serveLedger: true })
    sim.script({ kind: 'partial', failedAds: 1, errorCode: 'CONTENT_POLICY' })
    const post = await fetch(`${sim.url}/v1/api/a_plus`, {
      method: 'POST', headers: { Authorization: `Bearer ${sim.liveKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ asin: 'B0LEDGER01', country_code: 'US', types: ['A+ Basic', 'A+ Premium'] }),
    })
    const { job_id: id } = (await post.json()) as { job_id: string }
    const job = (await (await fetch(`${sim.url}/v1/api/jobs/${id}`, { headers: { Authorization: `Bearer ${sim.liveKey}` } })).json()) as {
      status: string; credit_cost: number; credits_refunded: number; output: { ads: { preview_url: string | null }[] }
    }
    expect(job.status).to.equal('completed')

    const ledger = (await (await fetch(`${sim.url}/_simulator/ledger`)).json()) as SimulatorLedger
    expect({ ...ledger, at: 0 }).to.deep.equal({ ...(JSON.parse(JSON.stringify(sim.ledger())) as SimulatorLedger), at: 0 })
    const [entry] = ledger.jobs
    expect(entry).to.deep.include({ id, asin: 'B0LEDGER01', jobType: 'A+ Content', live: true, status: 'completed', creditCost: job.credit_cost, creditsRefunded: job.credits_refunded })
    expect(job.credits_refunded).to.be.greaterThan(0)
    // The ad that failed has no image; the other one's hash is that of the bytes served at its URL.
    expect(entry?.images[1]).to.equal(null)
    const url = job.output.ads[0]?.preview_url
    if (url === null || url === undefined) throw new Error('no image')
    expect(entry?.images[0]).to.deep.equal({ ad: 1, path: new URL(url).pathname, sha256: sha256(await (await fetch(url)).arrayBuffer()) })
    expect(ledger.organisations[0]).to.deep.equal({ id: entry?.org, credits: 500, left: 500 - job.credit_cost + job.credits_refunded })
    expect(sim.ledger().requests).to.deep.include({ total: 2, images: 1, abortedByClient: [], faulted: {} })
  })

  it('counts the 429s it sent and says when each accepted submission arrived, to check a rate limit from outside', async () => {
    sim = await startSimulator({ liveDurations: instant, rateLimits: { perMinute: 2, perDay: 100 }, serveLedger: true })
    const submit = async (asin: string): Promise<number> => {
      const answer = await fetch(`${sim.url}/v1/api/a_plus`, {
        method: 'POST', headers: { Authorization: `Bearer ${sim.liveKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ asin, country_code: 'US', types: ['A+ Basic'] }),
      })
      await answer.arrayBuffer()
      return answer.status
    }
    // Two a minute: the third submission is refused, and so is a poll that a fault answers 429.
    expect([await submit('B0LEDGER01'), await submit('B0LEDGER02'), await submit('B0LEDGER03')]).to.deep.equal([202, 202, 429])
    sim.faults.inject({ kind: 'rate-limit', retryAfter: 1 }, { times: 1, match: { method: 'GET' } })
    const poll = await fetch(`${sim.url}/v1/api/jobs/job_none`, { headers: { Authorization: `Bearer ${sim.liveKey}` } })
    await poll.arrayBuffer()
    expect(poll.status).to.equal(429)

    const ledger = (await (await fetch(`${sim.url}/_simulator/ledger`)).json()) as SimulatorLedger
    const acceptedPosts = sim.log.filter((request) => request.method === 'POST' && request.status === 202)
    expect(ledger.requests.rateLimited).to.equal(2)
    expect(ledger.requests.submissionsAcceptedAt).to.deep.equal(acceptedPosts.map((request) => request.at))
    expect(ledger.requests.submissionsAcceptedAt).to.have.length(2)
    expect(ledger.jobs.map((job) => job.asin)).to.deep.equal(['B0LEDGER01', 'B0LEDGER02'])
  })

  it('is not served unless asked for: Pixii has no such route', async () => {
    sim = await startSimulator()
    const answer = await fetch(`${sim.url}/_simulator/ledger`)
    expect(answer.status).to.equal(404)
    await answer.arrayBuffer()
    expect(sim.ledger().jobs).to.deep.equal([])
  })
})
