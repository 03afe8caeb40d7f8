import { expect } from 'chai'
import { request } from 'node:http'
import { VirtualTimeScheduler } from 'rxjs'
import { isPixiiError } from '../../src/index.js'
import { createPixiiProxy, type PixiiProxyOptions } from '../../src/proxy/index.js'
import { eventLog, serve, type Served } from './proxyServer.js'
import { json, startRecordingUpstream, type RecordingUpstream } from './recordingUpstream.js'

const serverKey = 'pk_live_server_s3cret'
const listing = { asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' }
/** GET `path` exactly as written, without the URL normalisation that fetch applies. */
function rawStatus(base: string, path: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { path }, (res) => {
      res.resume()
      resolve(res.statusCode)
    })
      .on('error', reject)
      .end()
  })
}

const accepted = { job_id: 'job_1', job_type: 'Listing Builder', status: 'pending', created_at: '2026-01-01T00:00:00Z' }

describe('createPixiiProxy', () => {
  let upstream: RecordingUpstream
  let proxy: Served | undefined
  let log: ReturnType<typeof eventLog>

  beforeEach(async () => {
    upstream = await startRecordingUpstream()
    log = eventLog()
  })
  afterEach(async () => {
    await proxy?.close()
    proxy = undefined
    await upstream.close()
  })

  async function start(options: Partial<PixiiProxyOptions> = {}): Promise<string> {
    const handler = createPixiiProxy({ apiKey: serverKey, upstream: upstream.url, allow: ['getJob', 'listJobs'], onRequest: log.onRequest, ...options })
    proxy = await serve(handler)
    return proxy.url
  }

  const browserHeaders = { authorization: 'Bearer pk_live_from_the_page', cookie: 'session=abc', 'x-forwarded-for': '10.0.0.1', 'x-custom': 'yes' }

  it('forwards a job request with the server’s key, and nothing of the browser’s headers', async () => {
    const url = await start()
    upstream.answer(json(200, { id: 'job_1' }))
    const res = await fetch(`${url}/v1/api/jobs/job_1`, { headers: browserHeaders })
    expect(res.status).to.equal(200)
    expect(await res.json()).to.deep.equal({ id: 'job_1' })
    const [seen] = upstream.requests
    expect(seen?.method).to.equal('GET')
    expect(seen?.url).to.equal('/v1/api/jobs/job_1')
    expect(seen?.headers.authorization).to.equal(`Bearer ${serverKey}`)
    for (const name of ['cookie', 'x-forwarded-for', 'x-custom']) expect(seen?.headers, name).not.to.have.property(name)
    expect(JSON.stringify(seen?.headers)).not.to.contain('from_the_page')
    expect(await log.seq(1)).to.deep.include({ method: 'GET', path: '/v1/api/jobs/job_1', route: 'getJob', jobId: 'job_1', outcome: 'forwarded', status: 200 })
  })

  it('passes back Pixii’s status, body and only the headers a client needs', async () => {
    const url = await start()
    const headers = { 'retry-after': '7', 'x-ratelimit-remaining-minute': '0', 'set-cookie': 'tracking=1', server: 'pixii', 'x-internal': 'yes' }
    upstream.answer(json(429, { code: 'RATE_LIMIT_MINUTE_EXCEEDED', message: 'slow down' }, headers))
    const res = await fetch(`${url}/v1/api/jobs?asin=B0CHX1W1XY`)
    expect(res.status).to.equal(429)
    expect(res.headers.get('retry-after')).to.equal('7')
    expect(res.headers.get('x-ratelimit-remaining-minute')).to.equal('0')
    expect(res.headers.get('cache-control')).to.equal('no-store')
    for (const name of ['set-cookie', 'server', 'x-internal']) expect(res.headers.get(name), name).to.equal(null)
    expect(await res.json()).to.deep.equal({ code: 'RATE_LIMIT_MINUTE_EXCEEDED', message: 'slow down' })
  })

  it('forwards only asin, page and limit of a list request, and refuses anything else in the query', async () => {
    const url = await start()
    upstream.answer(json(200, { data: [], total: 0, page: 2, limit: 5 }))
    expect((await fetch(`${url}/v1/api/jobs?limit=5&asin=B0CHX1W1XY&page=2`)).status).to.equal(200)
    expect(upstream.requests[0]?.url).to.equal('/v1/api/jobs?asin=B0CHX1W1XY&page=2&limit=5')
    for (const query of ['asin=B0CHX1W1XY&debug=1', 'asin=B0', 'asin=B0CHX1W1XY&page=zero', '']) {
      const res = await fetch(`${url}/v1/api/jobs?${query}`)
      expect(res.status, query).to.equal(400)
      expect(((await res.json()) as { code: string }).code).to.equal('VALIDATION_ERROR')
    }
    expect(upstream.requests).to.have.length(1)
  })

  it('refuses job ids that could name another path, and sends nothing for them', async () => {
    const url = await start()
    // Sent as written: fetch would resolve the dot segments before they left.
    for (const id of ['..', '.', '%2E%2E', 'job%2F1', 'job_1%3Fx', `${'j'.repeat(129)}`]) {
      expect(await rawStatus(url, `/v1/api/jobs/${id}`), id).to.equal(400)
    }
    expect((await fetch(`${url}/v1/api/jobs/job_1?x=1`)).status).to.equal(400)
    expect(upstream.requests).to.deep.equal([])
  })

  it('forwards no submission unless it is allowed by name', async () => {
    const url = await start({ allow: ['getJob', 'listJobs', 'submitScale'] })
    const res = await fetch(`${url}/v1/api/listing_builder`, { method: 'POST', body: JSON.stringify(listing), headers: browserHeaders })
    expect(res.status).to.equal(403)
    expect(await res.json()).to.deep.equal({ code: 'FORBIDDEN', message: 'submitListingBuilder is not enabled on this proxy' })
    expect(upstream.requests).to.deep.equal([])
    expect((await log.seq(1)).outcome).to.equal('refused')
  })

  it('forwards an allowed submission that passes its codec, re-encoded, and refuses the others unsent', async () => {
    const url = await start({ allow: ['submitListingBuilder'], maxBodyBytes: 1_000 })
    upstream.answer(json(202, accepted))
    const res = await fetch(`${url}/v1/api/listing_builder`, { method: 'POST', body: `  ${JSON.stringify(listing)}\n`, headers: { ...browserHeaders, 'content-type': 'application/json' } })
    expect(res.status).to.equal(202)
    expect(upstream.requests[0]?.body).to.equal(JSON.stringify(listing))
    expect(upstream.requests[0]?.headers['content-type']).to.equal('application/json')
    const refused = [
      ['{"asin":"B0CHX1W1XY"', 400],
      [JSON.stringify({ ...listing, extra: 'field' }), 400],
      [JSON.stringify({ ...listing, main_image_url: `https://cdn.example/${'x'.repeat(1_000)}` }), 413],
    ] as const
    for (const [body, status] of refused) {
      const answer = await fetch(`${url}/v1/api/listing_builder`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })
      expect(answer.status, body.slice(0, 40)).to.equal(status)
    }
    expect(upstream.requests).to.have.length(1)
  })

  it('answers 405 to a wrong method and 404 to a path that is not Pixii’s, or calls next()', async () => {
    const url = await start({ prefix: '/pixii' })
    const wrong = await fetch(`${url}/pixii/v1/api/jobs/job_1`, { method: 'DELETE' })
    expect([wrong.status, wrong.headers.get('allow')]).to.deep.equal([405, 'GET'])
    for (const path of ['/v1/api/jobs/job_1', '/pixii/admin', '/pixiiv1/api/jobs', '/pixii/v1/api/jobs/job_1/cancel']) {
      expect((await fetch(`${url}${path}`)).status, path).to.equal(404)
    }
    expect(upstream.requests).to.deep.equal([])
    let passedOn = 0
    const handler = createPixiiProxy({ apiKey: serverKey, upstream: upstream.url, allow: ['getJob'] })
    const other = await serve((req, res) => handler(req, res, () => {
      passedOn += 1
      res.end('next')
    }))
    expect(await (await fetch(`${other.url}/health`)).text()).to.equal('next')
    await other.close()
    expect(passedOn).to.equal(1)
  })

  it('answers 502 when Pixii cannot be reached and 504 when it is too slow', async () => {
    const closed = await startRecordingUpstream()
    const deadUrl = closed.url
    await closed.close()
    const url = await start({ upstream: deadUrl })
    const dead = await fetch(`${url}/v1/api/jobs/job_1`)
    expect([dead.status, ((await dead.json()) as { code: string }).code]).to.deep.equal([502, 'BAD_GATEWAY'])
    await proxy?.close()

    const scheduler = new VirtualTimeScheduler()
    upstream.answer(() => undefined) // never answers
    const slowUrl = await start({ scheduler, requestTimeoutMs: 5_000 })
    const answer = fetch(`${slowUrl}/v1/api/jobs/job_1`)
    const seen = await upstream.nth(1)
    scheduler.flush() // five virtual seconds pass
    const slow = await answer
    expect([slow.status, ((await slow.json()) as { message: string }).message]).to.deep.equal([504, 'Pixii did not answer within 5000 ms'])
    await seen.closedEarly
  })

  it('aborts the request to Pixii when the browser goes away', async () => {
    upstream.answer(() => undefined)
    const url = await start()
    const controller = new AbortController()
    const answer = fetch(`${url}/v1/api/jobs/job_1`, { signal: controller.signal }).catch((error: Error) => error.name)
    const seen = await upstream.nth(1)
    controller.abort()
    await seen.closedEarly
    expect(await answer).to.equal('AbortError')
    expect(await log.seq(1)).to.deep.include({ outcome: 'client-gone', route: 'getJob' })
  })

  it('sends nothing when the browser goes away in the middle of a submission body', async () => {
    const url = await start({ allow: ['submitScale'] })
    const partial = request(`${url}/v1/api/scale`, { method: 'POST', headers: { 'content-length': '1000', 'content-type': 'application/json' } })
    partial.on('error', () => undefined)
    partial.write('{"asin":"B0CHX', () => partial.destroy())
    expect(await log.seq(1)).to.deep.include({ route: 'submitScale', outcome: 'client-gone' })
    expect(upstream.requests).to.deep.equal([])
  })

  it('checks its options in one place, naming each bad one and never the key', () => {
    const refusal = (options: unknown): string => {
      try {
        createPixiiProxy(options as PixiiProxyOptions)
      } catch (error) {
        if (isPixiiError(error, 'Validation')) return error.message
        throw error
      }
      throw new Error('expected a refusal')
    }
    expect(refusal({ apiKey: 'pk_live_x y', allow: ['getJob', 'deleteJob'], upstream: 'http://api.pixii.ai', prefix: '/pixii/', timeout: 1 })).to.equal(
      'Invalid createPixiiProxy options: timeout: is not an option of createPixiiProxy; apiKey: expected a key of 1 to 256 characters without spaces; ' +
        'allow: expected a non-empty list of getJob, watchJob, listJobs, submitListingBuilder, submitScale, submitAPlus, got ["getJob","deleteJob"]; ' +
        'upstream: expected an https URL without credentials, query or fragment (plain http only to a loopback host), got "http://api.pixii.ai"; ' +
        'prefix: expected \'\' or a path such as "/pixii" (no trailing slash), got "/pixii/"',
    )
    expect(refusal({ apiKey: serverKey })).to.contain('allow: expected a non-empty list')
    expect(refusal({ apiKey: serverKey, allow: ['getJob'], requestTimeoutMs: 0, fetch: 'no' })).to.contain('requestTimeoutMs: expected a positive number, got 0; fetch: expected a function')
    expect(refusal({ apiKey: serverKey, allow: [] })).not.to.contain(serverKey)
  })
})
