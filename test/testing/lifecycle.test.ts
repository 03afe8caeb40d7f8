import { expect } from 'chai'
import { createSimulator, type Simulator } from '../../src/testing/index.js'
import { aPlusBody, listingBody, virtualClock, START, type AcceptedJson, type Clock, type JobJson, type PageJson } from './support.js'

const DAY = 24 * 60 * 60 * 1000

describe('simulator job lifecycle', () => {
  let clock: Clock
  let sim: Simulator
  beforeEach(() => {
    clock = virtualClock()
    sim = createSimulator({ scheduler: clock.scheduler })
  })
  afterEach(() => sim.close())

  const get = async (id: string, key = sim.testKey): Promise<{ status: number; body: JobJson }> => {
    const res = await sim.fetch(`/v1/api/jobs/${id}`, { headers: { Authorization: `Bearer ${key}` } })
    return { status: res.status, body: (await res.json()) as JobJson }
  }
  const post = async (path: string, body: unknown, key = sim.testKey): Promise<{ status: number; body: AcceptedJson }> => {
    const res = await sim.fetch(path, { method: 'POST', headers: { Authorization: `Bearer ${key}` }, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as AcceptedJson }
  }

  it('moves pending → processing → completed on the clock, as truth() records it', async () => {
    const id = sim.createJob({ key: sim.testKey, queuedMs: 1000, processingMs: 2000 })
    const seen: [number, string, string | null, string | null][] = []
    for (const step of [0, 999, 1, 1999, 1]) {
      clock.advance(step)
      const { body } = await get(id)
      seen.push([clock.now() - START, body.status, body.started_at, body.completed_at])
      expect(body.output === null).to.equal(body.status !== 'completed')
    }
    expect(seen).to.deep.equal([
      [0, 'pending', null, null],
      [999, 'pending', null, null],
      [1000, 'processing', '2025-01-01T00:00:01.000Z', null],
      [2999, 'processing', '2025-01-01T00:00:01.000Z', null],
      [3000, 'completed', '2025-01-01T00:00:01.000Z', '2025-01-01T00:00:03.000Z'],
    ])
    expect(sim.truth(id)).to.deep.equal([
      { status: 'pending', at: START },
      { status: 'processing', at: START + 1000 },
      { status: 'completed', at: START + 3000 },
    ])
  })

  it('reports in truth() only the transitions that have happened', () => {
    const id = sim.createJob({ key: sim.testKey, queuedMs: 10, processingMs: 10 })
    expect(sim.truth(id)).to.deep.equal([{ status: 'pending', at: START }])
    clock.advance(10)
    expect(sim.truth(id).map((t) => t.status)).to.deep.equal(['pending', 'processing'])
    expect(() => sim.truth('job_nope')).to.throw(RangeError, /no job job_nope/)
  })

  it('ends a failure in failed with an error code, no output and a full refund', async () => {
    const a = sim.createJob({ key: sim.liveKey, outcome: { kind: 'failure' }, queuedMs: 0, processingMs: 100 })
    const b = sim.createJob({ key: sim.testKey, outcome: { kind: 'failure', errorCode: 'BRAND_ASSETS_MISSING' }, queuedMs: 0, processingMs: 100 })
    expect((await get(a)).body).to.deep.include({ status: 'processing', credits_refunded: 0, error_code: null })
    clock.advance(100)
    expect((await get(a)).body).to.deep.include({ status: 'failed', credit_cost: 70, credits_refunded: 70, output: null, error_code: 'GENERATION_FAILED' })
    expect((await get(b)).body.error_code).to.equal('BRAND_ASSETS_MISSING')
    expect(sim.truth(a).at(-1)).to.deep.equal({ status: 'failed', at: START + 100 })
  })

  it('completes a partial job with its last ads failed and their share refunded', async () => {
    const id = sim.createJob({ key: sim.testKey, outcome: { kind: 'partial', failedAds: 2, errorCode: 'NSFW' }, queuedMs: 0, processingMs: 0 })
    const { body } = await get(id)
    expect(body).to.deep.include({ status: 'completed', credit_cost: 70, credits_refunded: 20, error_code: null })
    const ads = body.output?.ads ?? []
    expect(ads.map((ad) => ad.preview_url === null)).to.deep.equal([false, false, false, false, false, true, true])
    expect(ads[6]).to.deep.equal({ preview_url: null, error: { code: 'NSFW', message: 'Image 7 could not be generated' } })
    const all = sim.createJob({ key: sim.testKey, jobType: 'Scale', adCount: 2, outcome: { kind: 'partial', failedAds: 5 }, queuedMs: 0, processingMs: 0 })
    const clamped = (await get(all)).body
    expect(clamped.credits_refunded).to.equal(20)
    expect(clamped.output?.ads.map((ad) => ad.error?.code)).to.deep.equal(['IMAGE_GENERATION_FAILED', 'IMAGE_GENERATION_FAILED'])
  })

  it('prices createJob jobs from the table: Scale per item, A+ types cycling', async () => {
    const scale = sim.createJob({ key: sim.testKey, jobType: 'Scale', adCount: 3, queuedMs: 0, processingMs: 0 })
    const aPlus = sim.createJob({ key: sim.testKey, jobType: 'A+ Content', adCount: 4, queuedMs: 0, processingMs: 0 })
    expect((await get(scale)).body).to.deep.include({ job_type: 'Scale', credit_cost: 30 })
    const a = (await get(aPlus)).body
    expect(a.credit_cost).to.equal(20 + 20 + 30 + 20)
    expect(a.output?.ads.map((ad) => ad.type)).to.deep.equal(['A+ Basic', 'A+ Premium', 'A+ Premium Mobile', 'A+ Basic'])
    expect(() => sim.createJob({ key: 'pk_test_unknown' })).to.throw(RangeError, /unknown key/)
    expect(() => sim.createJob({ key: sim.testKey, queuedMs: -1 })).to.throw(RangeError, /queuedMs/)
  })

  it('finishes test-key jobs within a second and live-key jobs in about two minutes', () => {
    const test = Array.from({ length: 50 }, () => sim.createJob({ key: sim.testKey }))
    const live = Array.from({ length: 50 }, () => sim.createJob({ key: sim.liveKey }))
    clock.advance(DAY)
    for (const id of test) {
      const done = sim.truth(id).at(-1)?.at ?? Infinity
      expect(done - START).to.be.within(200, 800)
    }
    for (const id of live) {
      const [pending, processing, done] = sim.truth(id).map((t) => t.at - START)
      expect(pending).to.equal(0)
      expect(processing).to.be.within(0, 20_000)
      expect((done ?? 0) - (processing ?? 0)).to.be.within(90_000, 150_000)
    }
  })

  it('scales live durations by timeScale and honours custom ranges', () => {
    const fast = createSimulator({ scheduler: clock.scheduler, timeScale: 0.01, testDurations: { queuedMs: [5, 5], processingMs: [7, 7] } })
    const live = fast.createJob({ key: fast.liveKey })
    const test = fast.createJob({ key: fast.testKey })
    clock.advance(DAY)
    expect((fast.truth(live).at(-1)?.at ?? 0) - START).to.be.within(900, 1700)
    expect(fast.truth(test).map((t) => t.at - START)).to.deep.equal([0, 5, 12])
    const custom = createSimulator({ scheduler: clock.scheduler, liveDurations: { queuedMs: [0, 0], processingMs: [1000, 1000] } })
    const id = custom.createJob({ key: custom.liveKey })
    expect(custom.truth(id)).to.deep.equal([{ status: 'pending', at: clock.now() }, { status: 'processing', at: clock.now() }])
  })

  it('debits live submissions at once and refunds failed ads when the job ends', async () => {
    sim.script({ kind: 'partial', failedAds: 3 })
    sim.script({ kind: 'failure' })
    expect(sim.balance(sim.liveKey)).to.equal(10_000)
    const partial = await post('/v1/api/listing_builder', listingBody, sim.liveKey)
    const failed = await post('/v1/api/a_plus', aPlusBody, sim.liveKey)
    expect([partial.status, failed.status]).to.deep.equal([202, 202])
    expect(sim.balance(sim.liveKey)).to.equal(10_000 - 70 - 50)
    clock.advance(DAY)
    expect(sim.balance(sim.testKey)).to.equal(10_000 - 70 - 50 + 30 + 50)
    expect((await get(partial.body.job_id)).body.credits_refunded).to.equal(30)
    expect((await get(failed.body.job_id)).body).to.deep.include({ status: 'failed', credits_refunded: 50 })
  })

  it('takes scripted outcomes in order, per ASIN when asked, then succeeds', async () => {
    sim.script({ kind: 'failure', errorCode: 'ONLY_B2' }, { asin: 'B000000002' })
    sim.script({ kind: 'failure' }, { times: 2 })
    const ids: string[] = []
    for (const asin of ['B000000001', 'B000000002', 'B000000003', 'B000000004']) {
      ids.push((await post('/v1/api/listing_builder', { ...listingBody, asin })).body.job_id)
    }
    clock.advance(DAY)
    const codes = await Promise.all(ids.map(async (id) => (await get(id)).body.error_code))
    expect(codes).to.deep.equal(['GENERATION_FAILED', 'ONLY_B2', 'GENERATION_FAILED', null])
    expect(() => sim.script({ kind: 'success' }, { times: 0 })).to.throw(RangeError, /times/)
  })

  it('forgets jobs 7 days after completion', async () => {
    const id = sim.createJob({ key: sim.testKey, asin: 'B0000GONE1', queuedMs: 0, processingMs: 1000 })
    clock.advance(1000 + 7 * DAY - 1)
    expect((await get(id)).status).to.equal(200)
    clock.advance(1)
    expect((await get(id)).status).to.equal(404)
    const res = await sim.fetch('/v1/api/jobs?asin=B0000GONE1', { headers: { Authorization: `Bearer ${sim.testKey}` } })
    expect(((await res.json()) as PageJson).total).to.equal(0)
  })

  it('lists job ids of every organisation in creation order', () => {
    const a = sim.createJob({ key: sim.testKey })
    const b = sim.createJob({ key: sim.otherOrgKey })
    expect(sim.jobIds()).to.deep.equal([a, b])
  })
})

describe('simulator determinism', () => {
  it('derives keys, ids and durations from the seed', () => {
    const run = (seed: number) => {
      const sim = createSimulator({ seed, scheduler: virtualClock().scheduler })
      const extra = sim.addOrganisation()
      const ids = [sim.createJob({ key: sim.testKey }), sim.createJob({ key: sim.liveKey })]
      return { keys: [sim.testKey, sim.liveKey, sim.otherOrgKey, extra.testKey, extra.id], ids, truth: ids.map((id) => sim.truth(id)) }
    }
    expect(run(7)).to.deep.equal(run(7))
    expect(run(7).keys).not.to.deep.equal(run(8).keys)
    const { keys, ids } = run(1)
    expect(keys[0]).to.match(/^pk_test_[0-9A-Za-z]{24}$/)
    expect(keys[1]).to.match(/^pk_live_[0-9A-Za-z]{24}$/)
    expect(keys[2]).to.match(/^pk_test_[0-9A-Za-z]{24}$/)
    expect(new Set(keys).size).to.equal(keys.length)
    for (const id of ids) expect(id).to.match(/^job_[0-9a-f]{24}$/)
  })

  it('checks its options, naming the bad one', () => {
    for (const [options, field] of [
      [{ timeScale: -1 }, 'timeScale'],
      [{ credits: 1.5 }, 'credits'],
      [{ rateLimits: { perMinute: 0, perDay: 5 } }, 'rateLimits.perMinute'],
      [{ liveDurations: { queuedMs: [5, 1], processingMs: [0, 0] } }, 'liveDurations.queuedMs'],
      [{ testDurations: { queuedMs: [0, 1], processingMs: [-1, 0] } }, 'testDurations.processingMs'],
      [{ imageBaseUrl: 'images.example' }, 'imageBaseUrl'],
      [{ seed: Number.NaN }, 'seed'],
    ] as const) {
      expect(() => createSimulator(options), field).to.throw(RangeError, `option ${field} must be`)
    }
  })
})
