import { expect } from 'chai'
import type { Either } from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs'
import { APlusRequest, ListingBuilderRequest, type ScaleRequest } from '../../src/advanced/index.js'
import { isPixiiError, type PixiiError } from '../../src/index.js'
import { request$ } from '../../src/http/request.js'
import { submit$, type SubmissionPath } from '../../src/api/submit.js'
import { harness, type Harness } from '../support/watchHarness.js'

const listing: ListingBuilderRequest = { asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' }
const scale: ScaleRequest = {
  asin: 'B0CHX1W1XY', country_code: 'DE', scale_mode: 'catalog',
  items: [{ preview_url: 'https://cdn.example/1.png', platform: 'Amazon', asset_type: 'main' }],
}
const aPlus: APlusRequest = { asin: 'B0CHX1W1XY', country_code: 'US', types: ['A+ Basic', 'A+ Premium'] }

/**
 * The error of one bare submission (`submit$`, the transport alone): the client's own limiter and
 * its handling of lost answers would hold back or resolve what these tests provoke on purpose.
 */
async function bareRefusal<A>(h: Harness, path: SubmissionPath, codec: t.Decoder<unknown, A>, request: A): Promise<PixiiError> {
  const config = { baseUrl: h.sim.url!, apiKey: h.sim.testKey, fetch: globalThis.fetch, scheduler: h.clock.scheduler, requestTimeoutMs: 5_000, maxBodyBytes: 1_000_000 }
  const error = await lastValueFrom(submit$(config, path, codec, request)).then(() => undefined, (e: unknown) => e)
  if (!isPixiiError(error)) throw new Error(`expected a PixiiError, got ${String(error)}`)
  return error
}

/** The error a TaskEither resolved to, failing the test on a Right. */
async function leftOf(task: () => Promise<Either<PixiiError, unknown>>): Promise<PixiiError> {
  const result = await task()
  if (result._tag === 'Right') throw new Error(`expected a Left, got ${JSON.stringify(result.right)}`)
  return result.left
}

describe('REST calls over real HTTP against the simulator', () => {
  let h: Harness
  beforeEach(async () => {
    h = await harness({ http: true })
  })
  afterEach(async () => h.close())

  describe('success', () => {
    it('submits each kind of job and reads it back', async () => {
      const pixii = h.client()
      for (const [task, jobType] of [
        [pixii.submitListingBuilder(listing), 'Listing Builder'],
        [pixii.submitScale(scale), 'Scale'],
        [pixii.submitAPlus(aPlus), 'A+ Content'],
      ] as const) {
        const accepted = await task()
        if (accepted._tag === 'Left') throw accepted.left
        expect(accepted.right).to.include({ job_type: jobType, status: 'pending' })
        const job = await pixii.getJob(accepted.right.job_id)()
        if (job._tag === 'Left') throw job.left
        expect(job.right).to.include({ id: accepted.right.job_id, job_type: jobType, status: 'pending' })
      }
      expect(h.sim.log.map(({ method, path, status }) => `${method} ${path.replace(/job_\w+/, ':id')} ${status}`)).to.deep.equal([
        'POST /v1/api/listing_builder 202', 'GET /v1/api/jobs/:id 200',
        'POST /v1/api/scale 202', 'GET /v1/api/jobs/:id 200',
        'POST /v1/api/a_plus 202', 'GET /v1/api/jobs/:id 200',
      ])
    })

    it('lists one page, and every page lazily', async () => {
      for (let n = 0; n < 45; n += 1) h.sim.createJob({ key: h.sim.testKey, asin: 'B0CHX1W1XY' })
      const pixii = h.client()
      const page = await pixii.listJobs({ asin: 'B0CHX1W1XY', page: 2, limit: 20 })()
      if (page._tag === 'Left') throw page.left
      expect(page.right).to.include({ total: 45, page: 2, limit: 20 })
      expect(page.right.data).to.have.length(20)
      const all = await lastValueFrom(pixii.listJobs$('B0CHX1W1XY').pipe(toArray()))
      expect(new Set(all.map((job) => job.id)).size).to.equal(45)
      expect(h.sim.log).to.have.length(1 + 3)
      const firstFive = await lastValueFrom(pixii.listJobs$('B0CHX1W1XY').pipe(take(5), toArray()))
      expect(firstFive).to.have.length(5)
      expect(h.sim.log).to.have.length(1 + 3 + 1)
    })
  })

  describe('each documented error code', () => {
    it('401 UNAUTHORIZED', async () => {
      const error = await leftOf(h.client({ apiKey: 'pk_test_revoked' }).getJob('job_1'))
      expect(error).to.include({ _tag: 'Unauthorized', retryable: false })
      expect(error.context).to.include({ status: 401, serverCode: 'UNAUTHORIZED', method: 'GET', path: '/v1/api/jobs/job_1' })
    })

    it('404 JOB_NOT_FOUND, for an unknown id and for another organisation’s job', async () => {
      expect(await leftOf(h.client().getJob('job_unknown'))).to.include({ _tag: 'JobNotFound', jobId: 'job_unknown' })
      const theirs = h.sim.createJob({ key: h.sim.otherOrgKey })
      expect(await leftOf(h.client().getJob(theirs))).to.include({ _tag: 'JobNotFound', jobId: theirs })
    })

    it('400 VALIDATION_ERROR from the server, naming the field', async () => {
      // The client checks requests before sending them, so provoke the server through the bare transport.
      const settings = { baseUrl: h.sim.url!, apiKey: h.sim.testKey, fetch: globalThis.fetch, scheduler: h.clock.scheduler, requestTimeoutMs: 5_000, maxBodyBytes: 1_000_000 }
      const refused = await lastValueFrom(request$(settings, { method: 'POST', path: '/v1/api/listing_builder', body: { ...listing, country_code: 'XX' } })).catch((e: unknown) => e)
      if (!isPixiiError(refused, 'Validation')) throw new Error(`expected ValidationError, got ${String(refused)}`)
      expect(refused).to.include({ source: 'server', field: 'country_code' })
      expect(refused.context).to.include({ status: 400, serverCode: 'VALIDATION_ERROR' })
    })

    it('400 INSUFFICIENT_CREDITS', async () => {
      const poor = h.sim.addOrganisation({ credits: 0 })
      const error = await leftOf(h.client({ apiKey: poor.liveKey }).submitListingBuilder(listing))
      expect(error).to.include({ _tag: 'InsufficientCredits', retryable: false })
    })

    it('422 NO_ACTIVE_BRAND', async () => {
      const brandless = h.sim.addOrganisation({ activeBrand: false })
      const error = await leftOf(h.client({ apiKey: brandless.testKey }).submitScale(scale))
      expect(error).to.include({ _tag: 'NoActiveBrand', retryable: false })
      expect(error.context.status).to.equal(422)
    })

    it('429 RATE_LIMIT_MINUTE_EXCEEDED with Retry-After', async () => {
      const pixii = h.client()
      for (let n = 0; n < 10; n += 1) expect((await pixii.submitListingBuilder(listing)())._tag).to.equal('Right')
      const error = await bareRefusal(h, '/v1/api/listing_builder', ListingBuilderRequest, listing)
      if (!isPixiiError(error, 'RateLimited')) throw new Error('expected RateLimited')
      expect(error).to.include({ window: 'minute', retryable: true, retryAfterMs: 60_000 })
    })

    it('429 RATE_LIMIT_DAY_EXCEEDED with Retry-After', async () => {
      await h.close()
      h = await harness({ http: true, rateLimits: { perMinute: 100, perDay: 2 } })
      const pixii = h.client()
      await pixii.submitAPlus(aPlus)()
      await pixii.submitAPlus(aPlus)()
      const error = await bareRefusal(h, '/v1/api/a_plus', APlusRequest, aPlus)
      expect(error).to.include({ _tag: 'RateLimited', window: 'day', retryAfterMs: 86_400_000 })
    })
  })

  describe('transport faults', () => {
    const cases = [
      [{ kind: 'status', status: 500 }, 'Server', true],
      [{ kind: 'status', status: 503 }, 'Server', true],
      [{ kind: 'rate-limit', retryAfter: 3 }, 'RateLimited', true],
      [{ kind: 'reset' }, 'Network', true],
      [{ kind: 'malformed-json' }, 'Network', true],
      [{ kind: 'html' }, 'Server', true],
      [{ kind: 'empty' }, 'Network', true],
    ] as const
    for (const [fault, tag, retryable] of cases) {
      it(`${JSON.stringify(fault)} becomes ${tag}`, async () => {
        const id = h.sim.createJob({ key: h.sim.testKey })
        h.sim.faults.inject(fault)
        const error = await leftOf(h.client().getJob(id))
        expect(error).to.include({ _tag: tag, retryable })
        expect(h.sim.log[0]?.fault).to.equal(fault.kind)
      })
    }

    it('reset mid-body, malformed and empty bodies say what failed', async () => {
      const id = h.sim.createJob({ key: h.sim.testKey })
      h.sim.faults.inject({ kind: 'reset' })
      h.sim.faults.inject({ kind: 'malformed-json' })
      h.sim.faults.inject({ kind: 'empty' })
      const failures = []
      for (let n = 0; n < 3; n += 1) failures.push(await leftOf(h.client().getJob(id)))
      expect(failures.map((error) => (error._tag === 'Network' ? error.failure : error._tag))).to.deep.equal([
        'reset', 'unparseable-body', 'unparseable-body',
      ])
      expect(failures[2]?.message).to.equal(`GET /v1/api/jobs/${id} answered 200 but the body is empty`)
    })

    it('a refused connection is a retryable NetworkError that provably never reached the server', async () => {
      const closed = createServer()
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
      const { port } = closed.address() as AddressInfo
      await new Promise((resolve) => closed.close(resolve))
      const error = await leftOf(h.client({ baseUrl: `http://127.0.0.1:${port}` }).getJob('job_1'))
      expect(error).to.include({ _tag: 'Network', failure: 'connection', retryable: true })
    })

    it('a connection dropped before the answer is a reset, whose outcome is unknown, not a refusal', async () => {
      await h.close()
      h = await harness({ http: true, track: false })
      h.sim.faults.inject({ kind: 'hang' })
      const pending = bareRefusal(h, '/v1/api/listing_builder', ListingBuilderRequest, listing)
      await firstValueFrom(h.sim.requests$)
      await h.sim.close()
      const error = await pending
      expect(error).to.include({ _tag: 'Network', failure: 'reset', retryable: true })
      expect(error.context).to.include({ method: 'POST', path: '/v1/api/listing_builder' })
    })

    it('a body over the cap is refused while reading', async () => {
      for (let n = 0; n < 20; n += 1) h.sim.createJob({ key: h.sim.testKey, asin: 'B0CHX1W1XY' })
      const error = await leftOf(h.client({ maxBodyBytes: 512 }).listJobs({ asin: 'B0CHX1W1XY' }))
      expect(error).to.include({ _tag: 'Network', failure: 'body-too-large', retryable: false })
    })
  })

  describe('cancellation', () => {
    beforeEach(async () => {
      await h.close()
      h = await harness({ http: true, track: false })
    })

    it('unsubscribing aborts the request, and the server sees the connection close', async () => {
      h.sim.faults.inject({ kind: 'hang' })
      const subscription = h.client().getJob$('job_1').subscribe()
      await h.clock.settle()
      await firstValueFrom(h.sim.requests$)
      subscription.unsubscribe()
      const aborted = await h.sim.whenAborted(1)
      expect(aborted).to.include({ clientAborted: true, path: '/v1/api/jobs/job_1' })
    })

    it('an AbortSignal ends the task with Aborted and closes the connection', async () => {
      h.sim.faults.inject({ kind: 'hang' })
      const controller = new AbortController()
      const pending = h.client().getJob('job_1', { signal: controller.signal })()
      await firstValueFrom(h.sim.requests$)
      controller.abort()
      const result = await pending
      expect(result._tag === 'Left' && result.left._tag).to.equal('Aborted')
      expect((await h.sim.whenAborted(1)).clientAborted).to.equal(true)
    })

    it('the request timeout fires on the scheduler, aborts, and is a retryable Timeout', async () => {
      h.sim.faults.inject({ kind: 'hang' })
      const pending = h.client({ requestTimeoutMs: 30_000 }).getJob('job_1')()
      await firstValueFrom(h.sim.requests$)
      await h.clock.advance(30_000)
      const result = await pending
      if (result._tag === 'Right' || !isPixiiError(result.left, 'Timeout')) throw new Error('expected a Timeout')
      expect(result.left).to.include({ deadline: 'request', ms: 30_000, retryable: true })
      expect((await h.sim.whenAborted(1)).clientAborted).to.equal(true)
    })
  })

  describe('nothing is sent for an input already known to be invalid', () => {
    it('refuses bad ids, queries and bodies with a ValidationError naming the field', async () => {
      const pixii = h.client()
      const fields: Array<string | undefined> = []
      for (const task of [
        pixii.getJob(''), pixii.getJob('a/b'), pixii.getJob('a b'), pixii.getJob('%2e%2e'), pixii.getJob('x'.repeat(129)),
        pixii.listJobs({ asin: 'B0' }), pixii.listJobs({ asin: 'B0CHX1W1XY', limit: 0 }),
        pixii.submitListingBuilder({ ...listing, country_code: 'XX' as 'US' }),
        pixii.submitScale({ ...scale, items: [] }),
        pixii.submitScale({ ...scale, scale_mode: 'language' }),
        pixii.submitAPlus({ ...aPlus, types: ['A+ Basic', 'A+ Basic'] }),
      ]) {
        const error = await leftOf(task)
        if (!isPixiiError(error, 'Validation')) throw new Error(`expected ValidationError, got ${error._tag}`)
        expect(error.source).to.equal('client')
        fields.push(error.field)
      }
      expect(fields).to.deep.equal([
        'jobId', 'jobId', 'jobId', 'jobId', 'jobId', 'asin', 'limit', 'country_code', 'items', 'user_prompt', 'types',
      ])
      expect(h.sim.log).to.have.length(0)
    })
  })
})
