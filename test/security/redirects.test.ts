import { expect } from 'chai'
import crossFetch from 'cross-fetch'
import { createPixiiClient, isPixiiError, type PixiiClient, type PixiiError } from '../../src/index.js'
import type { FetchLike } from '../../src/advanced/index.js'
import { harness, record, type Harness } from '../support/watchHarness.js'
import { listen, type Listener } from './listener.js'

/** The error a TaskEither resolved to, failing the test on a Right. */
async function leftOf(task: () => Promise<{ _tag: 'Left'; left: PixiiError } | { _tag: 'Right'; right: unknown }>): Promise<PixiiError> {
  const result = await task()
  if (result._tag === 'Right') throw new Error(`expected a Left, got ${JSON.stringify(result.right)}`)
  return result.left
}

// A hijacked or misconfigured API answering with a redirect: to another loopback address, to
// another port of the same host (node-fetch keeps Authorization there), and to its own origin.
const targets = [
  { name: 'another loopback address', host: '127.0.0.2' },
  { name: 'another port of the same host', host: '127.0.0.1' },
] as const

const transports = [
  { name: 'in memory (the simulator fetch)', http: false, fetch: undefined },
  { name: 'over HTTP with globalThis.fetch', http: true, fetch: 'global' },
  { name: 'over HTTP with cross-fetch (the default fetch)', http: true, fetch: 'default' },
] as const

describe('no Authorization header reaches any origin but the configured API, redirects included', () => {
  let h: Harness
  let elsewhere: Listener
  afterEach(async () => {
    await h.close()
    await elsewhere.close()
  })

  for (const transport of transports) {
    describe(transport.name, () => {
      const client = (): PixiiClient =>
        transport.fetch === 'default'
          ? createPixiiClient({ apiKey: h.sim.liveKey, baseUrl: h.sim.url!, scheduler: h.clock.scheduler })
          : h.client({ apiKey: h.sim.liveKey, ...(transport.fetch === 'global' ? { fetch: globalThis.fetch } : {}) })

      for (const target of targets) {
        for (const status of [302, 307] as const) {
          it(`a ${status} to ${target.name} is a non-retryable ServerError naming only its origin; nothing arrives there`, async () => {
            h = await harness({ http: transport.http, track: false })
            elsewhere = await listen(target.host)
            const location = `${elsewhere.url}/v1/api/jobs/collect?token=LEAKED_TOKEN`
            h.sim.faults.inject({ kind: 'redirect', location, status })
            const error = await leftOf(client().getJob('job_1'))
            expect(error).to.include({ _tag: 'Server', retryable: false })
            expect(error.context).to.include({ status, path: '/v1/api/jobs/job_1' })
            expect(error.message).to.equal(
              `GET /v1/api/jobs/job_1 answered ${status}, a redirect to ${elsewhere.url}, which pixii-rx does not follow (the key only goes to the configured API)`,
            )
            expect(elsewhere.arrived).to.deep.equal([])
            expect(h.sim.log.map((entry) => entry.fault)).to.deep.equal(['redirect'])
          })
        }
      }

      it('a redirect to its own origin is not followed either (Pixii never redirects)', async () => {
        h = await harness({ http: transport.http, track: false })
        elsewhere = await listen('127.0.0.1')
        h.sim.faults.inject({ kind: 'redirect', location: '/v1/api/jobs/job_2?sig=abc' })
        const error = await leftOf(client().getJob('job_1'))
        expect(error.message).to.contain(`a redirect to ${transport.http ? h.sim.url! : 'http://127.0.0.1:1'}, which`)
        expect(error.message).not.to.contain('sig=')
        expect(h.sim.log).to.have.length(1)
      })
    })
  }

  it('a watch ends at the first redirect, without retrying it (in virtual time)', async () => {
    h = await harness()
    elsewhere = await listen('127.0.0.2')
    h.sim.faults.inject({ kind: 'redirect', location: `${elsewhere.url}/x` }, { times: Infinity })
    const watch = record(h.client().watchJob$(h.sim.createJob({ key: h.sim.testKey })), h.clock)
    await h.clock.runUntil(watch.ended)
    expect(isPixiiError(watch.error, 'Server') && watch.error.context.status).to.equal(302)
    expect(h.sim.log).to.have.length(1)
    expect(elsewhere.arrived).to.deep.equal([])
  })

  it('asks fetch not to follow, and treats a browser opaque redirect (status 0) the same way', async () => {
    h = await harness()
    elsewhere = await listen('127.0.0.1')
    const inits: RequestInit[] = []
    const opaque: FetchLike = (_url, init) => {
      inits.push(init)
      const response = new Response(null, { status: 200 })
      return Promise.resolve(Object.defineProperties(response, { status: { value: 0 }, type: { value: 'opaqueredirect' } }))
    }
    const error = await leftOf(h.client({ fetch: opaque }).getJob('job_1'))
    expect(inits.map((init) => init.redirect)).to.deep.equal(['manual'])
    expect(error).to.include({ _tag: 'Server', retryable: false })
    expect(error.message).to.equal(
      'GET /v1/api/jobs/job_1 answered 0, a redirect to a location the browser hides, which pixii-rx does not follow (the key only goes to the configured API)',
    )
  })

  // Why the transport cannot leave redirects to fetch: cross-fetch (node-fetch 2 in Node) follows
  // them by default and keeps Authorization on another port of the same host.
  it('cross-fetch on its own would have forwarded the key to another port of the same host', async () => {
    h = await harness({ http: true, track: false })
    elsewhere = await listen('127.0.0.1')
    h.sim.faults.inject({ kind: 'redirect', location: `${elsewhere.url}/collect` })
    const answer = await crossFetch(`${h.sim.url!}/v1/api/jobs/job_1`, { headers: { authorization: `Bearer ${h.sim.liveKey}` } })
    await answer.text()
    expect(elsewhere.arrived.map((arrival) => arrival.headers.authorization)).to.deep.equal([`Bearer ${h.sim.liveKey}`])
  })
})
