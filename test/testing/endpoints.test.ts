import { expect } from 'chai'
import {
  aPlusBody,
  listingBody,
  scaleBody,
  transports,
  virtualClock,
  START,
  type AcceptedJson,
  type Clock,
  type Harness,
  type JobJson,
  type PageJson,
} from './support.js'

const JOB_KEYS = ['id', 'job_type', 'status', 'created_at', 'started_at', 'completed_at', 'credit_cost', 'credits_refunded', 'output', 'error_code']
const RATE_HEADERS = ['x-ratelimit-limit-minute', 'x-ratelimit-remaining-minute', 'x-ratelimit-limit-day', 'x-ratelimit-remaining-day']

for (const transport of transports) {
  describe(`simulator endpoints (${transport.name})`, () => {
    let h: Harness
    let clock: Clock
    beforeEach(async () => {
      clock = virtualClock()
      h = await transport.start({ scheduler: clock.scheduler })
    })
    afterEach(() => h.sim.close())

    describe('GET /v1/api/jobs/{id}', () => {
      it('answers a pending job with exactly the documented fields, in order', async () => {
        const id = h.sim.createJob({ key: h.sim.testKey, queuedMs: 100, processingMs: 300 })
        const a = await h.call<JobJson>('GET', `/v1/api/jobs/${id}`)
        expect(a.status).to.equal(200)
        expect(a.headers.get('content-type')).to.match(/^application\/json/)
        expect(Object.keys(a.body)).to.deep.equal(JOB_KEYS)
        expect(a.body).to.deep.include({
          id,
          job_type: 'Listing Builder',
          status: 'pending',
          created_at: '2025-01-01T00:00:00.000Z',
          started_at: null,
          completed_at: null,
          credit_cost: 70,
          credits_refunded: 0,
          output: null,
          error_code: null,
        })
      })

      it('answers a completed job with its ads', async () => {
        const id = h.sim.createJob({ key: h.sim.testKey, queuedMs: 100, processingMs: 300 })
        clock.advance(400)
        const a = await h.call<JobJson>('GET', `/v1/api/jobs/${id}`)
        expect(a.body.status).to.equal('completed')
        expect(a.body.started_at).to.equal('2025-01-01T00:00:00.100Z')
        expect(a.body.completed_at).to.equal('2025-01-01T00:00:00.400Z')
        expect(a.body.output?.ads).to.have.length(7)
        for (const ad of a.body.output?.ads ?? []) {
          expect(Object.keys(ad)).to.deep.equal(['preview_url', 'error'])
          expect(ad.error).to.equal(null)
          expect(ad.preview_url).to.match(/\/images\/job_[0-9a-f]{24}\/\d\.png\?expires=\d+&signature=[0-9a-f]{64}$/)
        }
      })

      it('answers 404 JOB_NOT_FOUND for an unknown id and for another organisation', async () => {
        const mine = h.sim.createJob({ key: h.sim.testKey })
        const theirs = h.sim.createJob({ key: h.sim.otherOrgKey })
        for (const [key, id] of [
          [h.sim.testKey, 'job_000000000000000000000000'],
          [h.sim.otherOrgKey, mine],
          [h.sim.liveKey, theirs],
        ] as const) {
          const a = await h.call('GET', `/v1/api/jobs/${id}`, { key })
          expect(a.status).to.equal(404)
          expect(a.body).to.deep.equal({ code: 'JOB_NOT_FOUND', message: 'Job not found' })
        }
        expect((await h.call('GET', `/v1/api/jobs/${theirs}`, { key: h.sim.otherOrgKey })).status).to.equal(200)
      })

      it("shows an organisation's jobs to both its keys", async () => {
        const id = h.sim.createJob({ key: h.sim.liveKey })
        expect((await h.call('GET', `/v1/api/jobs/${id}`, { key: h.sim.testKey })).status).to.equal(200)
      })
    })

    describe('authentication', () => {
      for (const [label, headers] of [
        ['no Authorization header', {}],
        ['an unknown key', { Authorization: 'Bearer pk_test_doesnotexist0000000000' }],
        ['a key without Bearer', { Authorization: 'pk_test_doesnotexist0000000000' }],
      ] as const) {
        it(`answers 401 UNAUTHORIZED to ${label}, without echoing the key`, async () => {
          const id = h.sim.createJob({ key: h.sim.testKey })
          for (const [method, path, body] of [
            ['GET', `/v1/api/jobs/${id}`, undefined],
            ['GET', '/v1/api/jobs?asin=B000000001', undefined],
            ['POST', '/v1/api/listing_builder', listingBody],
          ] as const) {
            const a = await h.call(method, path, { key: null, headers, body })
            expect(a.status).to.equal(401)
            expect(a.body).to.deep.equal({ code: 'UNAUTHORIZED', message: 'Missing or invalid API key' })
            expect(a.text).not.to.include('pk_')
            expect(a.headers.get('x-ratelimit-limit-minute')).to.equal(null)
          }
        })
      }

      it('records the organisation of valid keys only', async () => {
        await h.call('GET', '/v1/api/jobs/job_x')
        await h.call('GET', '/v1/api/jobs/job_x', { key: 'pk_test_nope' })
        const [first, second] = h.sim.log
        expect(first?.org).to.match(/^org_[0-9a-f]{16}$/)
        expect(second).not.to.have.property('org')
      })
    })

    describe('GET /v1/api/jobs?asin=', () => {
      it('pages through summaries, newest first, with exactly { id, job_type, status, created_at }', async () => {
        const ids: string[] = []
        for (let i = 0; i < 5; i++) {
          ids.push(h.sim.createJob({ key: h.sim.testKey, asin: 'B0000LIST1', queuedMs: 10_000, processingMs: 1000 }))
          clock.advance(1000)
        }
        h.sim.createJob({ key: h.sim.testKey, asin: 'B0000OTHER' })
        h.sim.createJob({ key: h.sim.otherOrgKey, asin: 'B0000LIST1' })
        const newest = [...ids].reverse()
        const p1 = await h.call<PageJson>('GET', '/v1/api/jobs?asin=B0000LIST1&limit=2')
        expect(p1.status).to.equal(200)
        expect(Object.keys(p1.body)).to.deep.equal(['data', 'total', 'page', 'limit'])
        expect(p1.body).to.deep.include({ total: 5, page: 1, limit: 2 })
        expect(p1.body.data.map((s) => s.id)).to.deep.equal(newest.slice(0, 2))
        expect(p1.body.data[0]).to.deep.equal({
          id: newest[0],
          job_type: 'Listing Builder',
          status: 'pending',
          created_at: '2025-01-01T00:00:04.000Z',
        })
        const p3 = await h.call<PageJson>('GET', '/v1/api/jobs?asin=B0000LIST1&limit=2&page=3')
        expect(p3.body.data.map((s) => s.id)).to.deep.equal(newest.slice(4))
        const p4 = await h.call<PageJson>('GET', '/v1/api/jobs?asin=B0000LIST1&limit=2&page=4')
        expect(p4.body).to.deep.equal({ data: [], total: 5, page: 4, limit: 2 })
      })

      it('defaults to page 1 and limit 20, and allows limit 100', async () => {
        for (let i = 0; i < 25; i++) h.sim.createJob({ key: h.sim.testKey, asin: 'B0000LIST1' })
        const d = await h.call<PageJson>('GET', '/v1/api/jobs?asin=B0000LIST1')
        expect(d.body).to.deep.include({ total: 25, page: 1, limit: 20 })
        expect(d.body.data).to.have.length(20)
        const all = await h.call<PageJson>('GET', '/v1/api/jobs?asin=B0000LIST1&limit=100')
        expect(all.body.data).to.have.length(25)
      })

      for (const [query, field] of [
        ['', 'asin'],
        ['?asin=', 'asin'],
        ['?asin=B0001', undefined],
        ['?asin=ABCD', 'asin'],
        ['?asin=ABCDEFGHIJKLMNOP', 'asin'],
        ['?asin=B000000001&page=0', 'page'],
        ['?asin=B000000001&page=x', 'page'],
        ['?asin=B000000001&page=1.5', 'page'],
        ['?asin=B000000001&limit=0', 'limit'],
        ['?asin=B000000001&limit=101', 'limit'],
        ['?asin=B000000001&limit=-1', 'limit'],
      ] as const) {
        it(`${field === undefined ? 'accepts' : `rejects ${field} in`} '${query}'`, async () => {
          const a = await h.call('GET', `/v1/api/jobs${query}`)
          if (field === undefined) return expect(a.status).to.equal(200)
          expect(a.status).to.equal(400)
          expect(a.body.code).to.equal('VALIDATION_ERROR')
          expect(a.body.detail).to.equal(field)
          expect(a.body.message).to.include(field)
        })
      }

      it('logs the query', async () => {
        await h.call('GET', '/v1/api/jobs?asin=B000000001&page=2')
        expect(h.sim.log[0]?.query).to.deep.equal({ asin: 'B000000001', page: '2' })
        expect(h.sim.log[0]?.path).to.equal('/v1/api/jobs')
      })
    })

    describe('submissions', () => {
      for (const [path, body, jobType, ads, cost] of [
        ['/v1/api/listing_builder', listingBody, 'Listing Builder', 7, 70],
        ['/v1/api/scale', scaleBody, 'Scale', 2, 20],
        ['/v1/api/a_plus', aPlusBody, 'A+ Content', 2, 50],
      ] as const) {
        it(`POST ${path} answers 202 { job_id, job_type, status: 'pending', created_at } and creates the job`, async () => {
          clock.advance(1234)
          const a = await h.call<AcceptedJson>('POST', path, { body })
          expect(a.status).to.equal(202)
          expect(Object.keys(a.body)).to.deep.equal(['job_id', 'job_type', 'status', 'created_at'])
          expect(a.body).to.deep.include({ job_type: jobType, status: 'pending', created_at: new Date(START + 1234).toISOString() })
          expect(a.body.job_id).to.match(/^job_[0-9a-f]{24}$/)
          for (const name of RATE_HEADERS) expect(a.headers.get(name), name).to.match(/^\d+$/)
          expect(h.sim.jobIds()).to.deep.equal([a.body.job_id])
          clock.advance(1000)
          const job = await h.call<JobJson>('GET', `/v1/api/jobs/${a.body.job_id}`)
          expect(job.body).to.deep.include({ job_type: jobType, status: 'completed', credit_cost: cost, credits_refunded: 0 })
          expect(job.body.output?.ads).to.have.length(ads)
          expect(h.sim.log.map((r) => [r.method, r.path, r.status])).to.deep.equal([
            ['POST', path, 202],
            ['GET', `/v1/api/jobs/${a.body.job_id}`, 200],
          ])
        })
      }

      it('gives Listing Builder jobs an ad count per listing type', async () => {
        const counts: Record<string, number> = {}
        for (const listing_type of ['amazon_listing', 'amazon_main_images', 'amazon_mobile_listing', 'shopify_listing', 'tiktok_listing']) {
          const a = await h.call<AcceptedJson>('POST', '/v1/api/listing_builder', { body: { ...listingBody, listing_type } })
          clock.advance(1000)
          const job = await h.call<JobJson>('GET', `/v1/api/jobs/${a.body.job_id}`)
          counts[listing_type] = job.body.output?.ads.length ?? -1
          expect(job.body.credit_cost).to.equal(10 * (counts[listing_type] ?? 0))
        }
        expect(counts).to.deep.equal({ amazon_listing: 7, amazon_main_images: 5, amazon_mobile_listing: 6, shopify_listing: 6, tiktok_listing: 5 })
      })

      it('gives A+ ads their undocumented type and module images', async () => {
        const a = await h.call<AcceptedJson>('POST', '/v1/api/a_plus', { body: { ...aPlusBody, types: ['A+ Premium', 'A+ Basic', 'A+ Premium Mobile'] } })
        clock.advance(1000)
        const job = await h.call<JobJson>('GET', `/v1/api/jobs/${a.body.job_id}`)
        expect(job.body.credit_cost).to.equal(70)
        const ads = job.body.output?.ads ?? []
        expect(ads.map((ad) => ad.type)).to.deep.equal(['A+ Premium', 'A+ Basic', 'A+ Premium Mobile'])
        for (const ad of ads) {
          expect(Object.keys(ad)).to.deep.equal(['preview_url', 'error', 'type', 'modules'])
          expect(ad.modules).to.have.length(2)
          for (const m of ad.modules ?? []) expect(m.image_url).to.match(/\/images\/job_[0-9a-f]{24}\/\d-\d\.png\?expires=/)
        }
      })

      it('answers 400 VALIDATION_ERROR (detail body) to a body that is not JSON', async () => {
        const a = await h.call('POST', '/v1/api/scale', { body: '{"asin": ' })
        expect(a.status).to.equal(400)
        expect(a.body).to.deep.include({ code: 'VALIDATION_ERROR', detail: 'body' })
        for (const name of RATE_HEADERS) expect(a.headers.get(name), name).to.match(/^\d+$/)
      })

      it('answers 400 VALIDATION_ERROR naming the field', async () => {
        const a = await h.call('POST', '/v1/api/a_plus', { body: { ...aPlusBody, country_code: 'XX' } })
        expect(a.status).to.equal(400)
        expect(a.body.code).to.equal('VALIDATION_ERROR')
        expect(a.body.detail).to.equal('country_code')
        expect(a.body.message).to.match(/^country_code must be one of AE, AU, /)
        expect(h.sim.jobIds()).to.deep.equal([])
      })

      it('answers 422 NO_ACTIVE_BRAND to an organisation without a brand, after validation', async () => {
        const org = h.sim.addOrganisation({ activeBrand: false })
        const bad = await h.call('POST', '/v1/api/listing_builder', { key: org.testKey, body: { ...listingBody, listing_type: 'x' } })
        expect(bad.body.code).to.equal('VALIDATION_ERROR')
        const a = await h.call('POST', '/v1/api/listing_builder', { key: org.liveKey, body: listingBody })
        expect(a.status).to.equal(422)
        expect(a.body).to.deep.equal({ code: 'NO_ACTIVE_BRAND', message: 'The organisation has no active brand' })
        expect(a.headers.get('x-ratelimit-remaining-minute')).to.equal('10')
        expect(h.sim.jobIds()).to.deep.equal([])
      })

      it('answers 400 INSUFFICIENT_CREDITS to a live key short of credits; test keys spend nothing', async () => {
        const org = h.sim.addOrganisation({ credits: 60 })
        const live = await h.call('POST', '/v1/api/listing_builder', { key: org.liveKey, body: listingBody })
        expect(live.status).to.equal(400)
        expect(live.body).to.deep.equal({ code: 'INSUFFICIENT_CREDITS', message: 'This job costs 70 credits; 60 left' })
        const test = await h.call('POST', '/v1/api/listing_builder', { key: org.testKey, body: listingBody })
        expect(test.status).to.equal(202)
        expect(h.sim.balance(org.testKey)).to.equal(60)
        const small = await h.call('POST', '/v1/api/listing_builder', { key: org.liveKey, body: { ...listingBody, listing_type: 'tiktok_listing' } })
        expect(small.status).to.equal(202)
        expect(h.sim.balance(org.liveKey)).to.equal(10)
      })
    })

    describe('routing', () => {
      it('answers 404 NOT_FOUND to an unknown path, before authentication', async () => {
        for (const path of ['/v1/api/nothing', '/v1/api/jobs/', '/', '/v2/api/jobs/x']) {
          const a = await h.call('GET', path, { key: null })
          expect(a.status, path).to.equal(404)
          expect(a.body.code).to.equal('NOT_FOUND')
        }
      })

      it('answers 405 METHOD_NOT_ALLOWED with Allow to a wrong method', async () => {
        for (const [method, path, allow] of [
          ['GET', '/v1/api/scale', 'POST'],
          ['PUT', '/v1/api/a_plus', 'POST'],
          ['POST', '/v1/api/jobs', 'GET'],
          ['DELETE', '/v1/api/jobs/job_x', 'GET'],
        ] as const) {
          const a = await h.call(method, path)
          expect(a.status, `${method} ${path}`).to.equal(405)
          expect(a.body.code).to.equal('METHOD_NOT_ALLOWED')
          expect(a.headers.get('allow')).to.equal(allow)
        }
      })

      it('logs every request with its transport, status and model times', async () => {
        clock.advance(500)
        await h.call('GET', '/v1/api/jobs/job_x')
        expect(h.sim.log).to.deep.equal([
          {
            seq: 1,
            at: START + 500,
            transport: transport.name,
            method: 'GET',
            path: '/v1/api/jobs/job_x',
            query: {},
            org: h.sim.log[0]?.org,
            status: 404,
            clientAborted: false,
            finishedAt: START + 500,
          },
        ])
      })
    })
  })
}
