// A tick of an ASIN loop (watchAsin$, watchJobs$ batched by ASIN) is bounded in requests: a
// listing that does not end or does not hold together ends the watch with a DecodeError after at
// most maxPages requests, and is never retried. Counted at a hostile server on loopback.
import { expect } from 'chai'
import { createPixiiClient, isPixiiError, type PixiiClient } from '../../src/index.js'
import { pageBody, startHostileServer, summaryBody, type HostileRoute, type HostileServer } from '../support/hostileServer.js'
import { VirtualClock } from '../support/virtualTime.js'
import { record } from '../support/watchHarness.js'

const ASIN = 'B0CHX1W1XY'
const HOUR = 3_600_000

/** A listing whose `total` is always one more than the pages so far hold; past `backstop` requests a 400 (so that a client without bounds stops too). */
function endless(backstop: number): HostileRoute {
  return ({ url, seq }) => {
    if (seq > backstop) return { status: 400, body: { code: 'VALIDATION_ERROR', message: 'enough', detail: 'page' } }
    const page = Number(url.searchParams.get('page') ?? 1)
    const limit = Number(url.searchParams.get('limit') ?? 20)
    const data = Array.from({ length: limit }, (_, i) => summaryBody(`job_${page}_${i}`))
    return { body: pageBody({ data, total: page * limit + 1, page, limit }) }
  }
}

describe('asinBody: each tick bounded by maxPages', () => {
  let server: HostileServer
  let clock: VirtualClock
  const client = (): PixiiClient =>
    createPixiiClient({ apiKey: 'pk_test_abc', baseUrl: server.url, fetch: clock.track(globalThis.fetch), scheduler: clock.scheduler, random: () => 0.5 })
  beforeEach(() => {
    clock = new VirtualClock()
  })
  afterEach(async () => server.close())

  it('watchAsin$ against an endless listing: nothing emitted, a DecodeError after maxPages requests, no retry', async () => {
    server = await startHostileServer(endless(200))
    const watch = record(client().watchAsin$(ASIN, { maxPages: 25 }), clock)
    await clock.runUntil(watch.ended)
    expect(watch.values).to.deep.equal([])
    expect(isPixiiError(watch.error, 'Decode') && watch.error.issues).to.deep.equal([
      { path: 'total', expected: 'at most 2500 (maxPages 25 × limit 100)', actual: 2501 },
    ])
    await clock.advance(HOUR)
    expect(server.count()).to.equal(25)
  })

  it('watchAsin$ stops at the default of 1,000 pages', async () => {
    server = await startHostileServer(endless(1_100))
    const watch = record(client().watchAsin$(ASIN, { pageSize: 1 }), clock)
    await clock.runUntil(watch.ended)
    expect(isPixiiError(watch.error, 'Decode') && watch.error.issues[0]?.path).to.equal('total')
    await clock.advance(HOUR)
    expect(server.count()).to.equal(1_000)
  })

  it('watchAsin$ against a listing that repeats its first page: a DecodeError at the second request', async () => {
    server = await startHostileServer(({ url, seq }) =>
      seq > 200
        ? { status: 400, body: { code: 'VALIDATION_ERROR', message: 'enough' } }
        : { body: pageBody({ data: [summaryBody('job_a'), summaryBody('job_b')], total: 1_000, page: Number(url.searchParams.get('page')), limit: 2 }) },
    )
    const watch = record(client().watchAsin$(ASIN, { pageSize: 2 }), clock)
    await clock.runUntil(watch.ended)
    expect(isPixiiError(watch.error, 'Decode') && watch.error.issues[0]?.path).to.equal('data')
    await clock.advance(HOUR)
    expect(server.count()).to.equal(2)
  })

  it('watchJobs$ batched by ASIN: every job of the batch gets the DecodeError after maxPages requests', async () => {
    server = await startHostileServer(endless(200))
    const ids = ['job_MINE', 'job_ALSO_MINE']
    const watch = record(client().watchJobs$(ids.map((id) => ({ id, asin: ASIN })), { maxPages: 10 }), clock)
    await clock.runUntil(watch.ended)
    expect(watch.values.map(({ value }) => `${value.id} ${value.kind === 'error' ? value.error._tag : value.kind}`)).to.deep.equal([
      'job_MINE Decode',
      'job_ALSO_MINE Decode',
    ])
    await clock.advance(HOUR)
    expect(server.count()).to.equal(10)
  })

  it('refuses a maxPages that is not an integer ≥ 1, sending nothing', async () => {
    server = await startHostileServer(endless(0))
    const watch = record(client().watchAsin$(ASIN, { maxPages: 1.5 }), clock)
    await clock.runUntil(watch.ended)
    expect(watch.error).to.include({ _tag: 'Validation', message: 'Invalid watchAsin$ options: maxPages: expected an integer ≥ 1, got 1.5' })
    expect(server.count()).to.equal(0)
  })

  it('watchJobs$ refuses a bad maxPages at once with one ValidationError, batched or not, sending nothing', async () => {
    server = await startHostileServer(endless(0))
    for (const targets of [['job_1'], [{ id: 'job_1', asin: ASIN }, { id: 'job_2', asin: ASIN }]]) {
      const watch = record(client().watchJobs$(targets, { maxPages: 0 }), clock)
      await clock.runUntil(watch.ended)
      expect(watch.values).to.deep.equal([])
      expect(watch.error).to.include({ _tag: 'Validation', message: 'Invalid watchJobs$ options: maxPages: expected an integer ≥ 1, got 0' })
    }
    expect(server.count()).to.equal(0)
  })
})
