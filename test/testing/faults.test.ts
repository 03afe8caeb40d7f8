import { expect } from 'chai'
import { filter, firstValueFrom } from 'rxjs'
import { createSimulator } from '../../src/testing/index.js'
import { listingBody, transports, virtualClock, START, type AcceptedJson, type Clock, type Harness, type JobJson, type PageJson } from './support.js'

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

for (const transport of transports) {
  describe(`simulator faults (${transport.name})`, () => {
    let clock: Clock
    let h: Harness
    beforeEach(async () => {
      clock = virtualClock()
      h = await transport.start({ scheduler: clock.scheduler })
    })
    afterEach(() => h.sim.close())

    const arrival = (seq: number) => firstValueFrom(h.sim.requests$.pipe(filter((r) => r.seq === seq)))
    const send = (method: string, path: string, body?: unknown) =>
      h.fetch(h.base + path, {
        method,
        headers: { Authorization: `Bearer ${h.sim.testKey}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })

    it('latency: answers after the delay on the scheduler, as of that later time', async () => {
      const id = h.sim.createJob({ key: h.sim.testKey, queuedMs: 1000, processingMs: 1000 })
      h.sim.faults.inject({ kind: 'latency', ms: 5000 })
      const answer = h.call<JobJson>('GET', `/v1/api/jobs/${id}`)
      const entry = await arrival(1)
      clock.advance(4999)
      await settle()
      expect(entry.status).to.equal(undefined)
      clock.advance(1)
      const a = await answer
      expect(a.body.status).to.equal('completed')
      expect(entry).to.deep.include({ at: START, fault: 'latency', status: 200, finishedAt: START + 5000, clientAborted: false })
    })

    it('latency: a delayed submission is created when it is handled', async () => {
      h.sim.faults.inject({ kind: 'latency', ms: 2500 }, { match: { method: 'POST' } })
      const answer = h.call<AcceptedJson>('POST', '/v1/api/listing_builder', { body: listingBody })
      await arrival(1)
      expect(h.sim.jobIds()).to.deep.equal([])
      clock.advance(2500)
      expect((await answer).body.created_at).to.equal(new Date(START + 2500).toISOString())
    })

    it('delayed-answer: the submission creates its job on arrival, the answer leaves after the delay', async () => {
      h.sim.faults.inject({ kind: 'delayed-answer', ms: 2500 }, { match: { method: 'POST' } })
      const answer = h.call<AcceptedJson>('POST', '/v1/api/listing_builder', { body: listingBody })
      const entry = await arrival(1)
      await settle()
      expect(h.sim.jobIds()).to.have.length(1)
      clock.advance(2499)
      await settle()
      expect(entry.status, 'no answer before the delay').to.equal(undefined)
      clock.advance(1)
      const accepted = await answer
      expect(accepted.body.job_id).to.equal(h.sim.jobIds()[0])
      expect(accepted.body.created_at, 'created on arrival').to.equal(new Date(START).toISOString())
      expect(entry).to.deep.include({ fault: 'delayed-answer', status: 202, clientAborted: false })
    })

    it('delayed-answer: a client gone during the delay gets nothing, yet its job exists (the ledger says so)', async () => {
      h.sim.faults.inject({ kind: 'delayed-answer', ms: 2500 }, { match: { method: 'POST' } })
      const controller = new AbortController()
      const answer = h.fetch(`${h.base}/v1/api/listing_builder`, {
        method: 'POST', signal: controller.signal,
        headers: { Authorization: `Bearer ${h.sim.testKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(listingBody),
      }).catch((error: Error) => error.name)
      await arrival(1)
      await settle()
      controller.abort()
      await h.sim.whenAborted(1)
      expect(await answer).to.equal('AbortError')
      const ledger = h.sim.ledger()
      expect(ledger.jobs.map((job) => job.asin)).to.deep.equal([listingBody.asin])
      expect(ledger.requests.abortedByClient).to.deep.equal([{ seq: 1, method: 'POST', path: '/v1/api/listing_builder', status: null }])
      expect(ledger.requests.faulted).to.deep.equal({ 'delayed-answer': 1 })
      clock.advance(5000)
      await settle()
      expect(h.sim.log[0]?.status, 'never answered').to.equal(undefined)
    })

    for (const [status, code] of [
      [500, 'INTERNAL_ERROR'],
      [502, 'INTERNAL_ERROR'],
      [503, 'SERVICE_UNAVAILABLE'],
    ] as const) {
      it(`status ${status}: answers ${code} without handling the request`, async () => {
        h.sim.faults.inject({ kind: 'status', status })
        const a = await h.call('POST', '/v1/api/listing_builder', { body: listingBody })
        expect(a.status).to.equal(status)
        expect(a.headers.get('content-type')).to.match(/^application\/json/)
        expect(Object.keys(a.body)).to.deep.equal(['code', 'message'])
        expect(a.body.code).to.equal(code)
        expect(h.sim.jobIds()).to.deep.equal([])
        expect(h.sim.log[0]).to.deep.include({ fault: 'status', status })
        expect((await h.call('POST', '/v1/api/listing_builder', { body: listingBody })).status).to.equal(202)
      })
    }

    it('rate-limit: 429 with Retry-After in seconds', async () => {
      h.sim.faults.inject({ kind: 'rate-limit', retryAfter: 7 })
      const a = await h.call('GET', '/v1/api/jobs/job_x')
      expect([a.status, a.headers.get('retry-after')]).to.deep.equal([429, '7'])
      expect(a.body).to.deep.equal({ code: 'RATE_LIMIT_MINUTE_EXCEEDED', message: 'Too many requests', retry_after: 7 })
      expect(h.sim.log[0]?.fault).to.equal('rate-limit')
    })

    it('rate-limit: 429 with Retry-After as an HTTP date on the model clock', async () => {
      h.sim.faults.inject({ kind: 'rate-limit', retryAfter: 'http-date', seconds: 10 })
      h.sim.faults.inject({ kind: 'rate-limit', retryAfter: 'http-date' })
      const a = await h.call('GET', '/v1/api/jobs/job_x')
      expect(a.headers.get('retry-after')).to.equal('Wed, 01 Jan 2025 00:00:10 GMT')
      expect(a.body.retry_after).to.equal(10)
      const b = await h.call('GET', '/v1/api/jobs/job_x')
      expect(b.headers.get('retry-after')).to.equal(new Date(START + 5000).toUTCString())
    })

    it('reset: sends headers with the full length and part of the body, then drops the connection', async () => {
      h.sim.faults.inject({ kind: 'reset' })
      const res = await send('POST', '/v1/api/listing_builder', listingBody)
      expect(res.status).to.equal(200)
      const length = Number(res.headers.get('content-length'))
      expect(length).to.be.greaterThan(50)
      const reader = (res.body as ReadableStream<Uint8Array>).getReader()
      let received = 0
      let error: unknown
      for (;;) {
        const chunk = await reader.read().catch((e: unknown) => {
          error = e
          return undefined
        })
        if (chunk === undefined || chunk.done) break
        received += chunk.value.byteLength
      }
      expect(received).to.equal(Math.floor(length / 2))
      expect(error).to.be.instanceOf(TypeError)
      expect((error as TypeError).message).to.equal('terminated')
      await settle()
      expect(h.sim.jobIds()).to.have.length(1) // the server did handle it
      const [entry] = h.sim.log
      expect(entry).to.deep.include({ fault: 'reset', status: 200, clientAborted: false })
      expect(entry).not.to.have.property('finishedAt')
      expect((await h.call('GET', '/v1/api/jobs?asin=B000000001')).status).to.equal(200) // a fresh connection works
    })

    it('malformed-json: 200 application/json with a truncated body', async () => {
      const id = h.sim.createJob({ key: h.sim.testKey })
      h.sim.faults.inject({ kind: 'malformed-json' })
      const a = await h.call('GET', `/v1/api/jobs/${id}`)
      expect(a.status).to.equal(200)
      expect(a.headers.get('content-type')).to.match(/^application\/json/)
      expect(a.headers.get('content-length')).to.equal(String(Buffer.byteLength(a.text)))
      expect(a.text.startsWith(`{"id":"${id}"`)).to.equal(true)
      expect(() => JSON.parse(a.text) as unknown).to.throw(SyntaxError)
    })

    it('html: 502 text/html proxy page, request not handled', async () => {
      h.sim.faults.inject({ kind: 'html' })
      const a = await h.call('POST', '/v1/api/scale', { body: listingBody })
      expect(a.status).to.equal(502)
      expect(a.headers.get('content-type')).to.equal('text/html')
      expect(a.text).to.include('<title>502 Bad Gateway</title>')
      expect(h.sim.log[0]).to.deep.include({ fault: 'html', status: 502 })
    })

    it('empty: 200 with an empty body', async () => {
      h.sim.faults.inject({ kind: 'empty' })
      const a = await h.call('GET', '/v1/api/jobs/job_x')
      expect([a.status, a.text, a.headers.get('content-length')]).to.deep.equal([200, '', '0'])
      expect(h.sim.log[0]).to.deep.include({ fault: 'empty', status: 200, finishedAt: START })
    })

    it('hang: no answer until the client aborts', async () => {
      h.sim.faults.inject({ kind: 'hang' })
      const controller = new AbortController()
      const answer = h.fetch(`${h.base}/v1/api/jobs/job_x`, { signal: controller.signal }).then(
        () => 'answered',
        (e: Error) => e.name,
      )
      const entry = await arrival(1)
      clock.advance(60_000)
      await settle()
      expect(entry.status).to.equal(undefined)
      controller.abort()
      expect(await answer).to.equal('AbortError')
      await h.sim.whenAborted(entry.seq)
      expect(entry).to.deep.include({ fault: 'hang', clientAborted: true })
    })

    it('stale: a job read shows the previous status; other requests leave it queued', async () => {
      const id = h.sim.createJob({ key: h.sim.testKey, asin: 'B0000STALE', queuedMs: 1000, processingMs: 1000 })
      h.sim.faults.inject({ kind: 'stale' }, { times: 4 })
      expect((await h.call('POST', '/v1/api/listing_builder', { body: listingBody })).status).to.equal(202)
      expect(h.sim.log[0]).not.to.have.property('fault')
      const read = () => h.call<JobJson>('GET', `/v1/api/jobs/${id}`)
      expect((await read()).body.status).to.equal('pending')
      clock.advance(1500)
      expect((await read()).body).to.deep.include({ status: 'pending', started_at: null })
      clock.advance(1000)
      expect((await read()).body).to.deep.include({ status: 'processing', completed_at: null, output: null, credits_refunded: 0 })
      const list = await h.call<PageJson>('GET', '/v1/api/jobs?asin=B0000STALE')
      expect(list.body.data[0]?.status).to.equal('processing')
      expect((await read()).body.status).to.equal('completed')
      expect(h.sim.log.map((r) => r.fault ?? '-')).to.deep.equal(['-', 'stale', 'stale', 'stale', 'stale', '-'])
    })

    it('misdirected: a job read answers about another job of the organisation; other requests leave it queued', async () => {
      const first = h.sim.createJob({ key: h.sim.testKey, queuedMs: 0, processingMs: 0 })
      h.sim.createJob({ key: h.sim.otherOrgKey, queuedMs: 0, processingMs: 0 })
      const mine = h.sim.createJob({ key: h.sim.testKey, queuedMs: 1000, processingMs: 1000 })
      const truthOfFirst = (await h.call<JobJson>('GET', `/v1/api/jobs/${first}`)).body
      expect(truthOfFirst).to.deep.include({ id: first, status: 'completed' })
      h.sim.faults.inject({ kind: 'misdirected' }, { times: 3 })
      expect((await h.call('POST', '/v1/api/listing_builder', { body: listingBody })).status).to.equal(202)
      expect((await h.call<PageJson>('GET', '/v1/api/jobs?asin=B000000001')).body.data).to.have.length(3)
      // The organisation's job created just before, as it is now (not the other organisation's).
      expect((await h.call<JobJson>('GET', `/v1/api/jobs/${mine}`)).body).to.deep.equal(truthOfFirst)
      // The organisation's first job: its own record under another id (its image URLs too), well-formed.
      const renamed = (await h.call<JobJson>('GET', `/v1/api/jobs/${first}`)).body
      expect(renamed.id).to.match(/^job_[0-9a-f]{24}$/).and.not.equal(first)
      expect(renamed.output?.ads[0]?.preview_url).to.include(`/images/${renamed.id}/1.png`)
      const withoutId = (job: JobJson) => ({ ...job, id: '', output: job.output?.ads.length })
      expect(withoutId(renamed)).to.deep.equal(withoutId(truthOfFirst))
      // An answer other than 200 goes through unchanged.
      expect((await h.call('GET', '/v1/api/jobs/job_000000000000000000000000')).body.code).to.equal('JOB_NOT_FOUND')
      expect((await h.call<JobJson>('GET', `/v1/api/jobs/${mine}`)).body).to.deep.include({ id: mine, status: 'pending' })
      expect(h.sim.log.map((r) => `${r.fault ?? '-'} ${r.status}`)).to.deep.equal([
        '- 200', '- 202', '- 200', 'misdirected 200', 'misdirected 200', 'misdirected 404', '- 200',
      ])
    })

    it('hits image requests too when they match', async () => {
      const id = h.sim.createJob({ key: h.sim.testKey, queuedMs: 0, processingMs: 0 })
      const job = (await h.call<JobJson>('GET', `/v1/api/jobs/${id}`)).body
      h.sim.faults.inject({ kind: 'status', status: 503 }, { match: { path: /^\/images\// } })
      const res = await h.fetch(job.output?.ads[0]?.preview_url ?? '')
      expect(res.status).to.equal(503)
      await res.arrayBuffer()
      expect(h.sim.imageLog[0]).to.deep.include({ status: 503, fault: 'status' })
    })
  })
}

describe('simulator fault rules', () => {
  const get = async (sim: ReturnType<typeof createSimulator>, path: string, method = 'GET') => {
    const res = await sim.fetch(path, { method, headers: { Authorization: `Bearer ${sim.testKey}` } })
    await res.arrayBuffer()
    return res.status
  }

  it('injects into the next matching requests only, as many times as asked, in the order added', async () => {
    const sim = createSimulator()
    sim.faults.inject({ kind: 'status', status: 503 }, { times: 2, match: { method: 'get', path: /^\/v1\/api\/jobs\// } })
    sim.faults.inject({ kind: 'status', status: 500 }, { match: { path: '/v1/api/jobs/job_b' } })
    expect(await get(sim, '/v1/api/jobs?asin=B000000001')).to.equal(200)
    expect(await get(sim, '/v1/api/scale', 'POST')).to.equal(400)
    expect(await get(sim, '/v1/api/jobs/job_b')).to.equal(503)
    expect(await get(sim, '/v1/api/jobs/job_a')).to.equal(503)
    expect(await get(sim, '/v1/api/jobs/job_a')).to.equal(404)
    expect(await get(sim, '/v1/api/jobs/job_b')).to.equal(500)
    expect(await get(sim, '/v1/api/jobs/job_b')).to.equal(404)
  })

  it('injects at a seeded rate, reproducibly, until cleared', async () => {
    const pattern = async (seed: number) => {
      const sim = createSimulator({ seed })
      sim.faults.rate({ kind: 'status', status: 503 }, 0.5, { match: { method: 'GET' } })
      const statuses: number[] = []
      for (let i = 0; i < 40; i++) statuses.push(await get(sim, '/v1/api/jobs/job_x'))
      sim.faults.clear()
      statuses.push(await get(sim, '/v1/api/jobs/job_x'))
      return statuses
    }
    const first = await pattern(3)
    expect(await pattern(3)).to.deep.equal(first)
    expect(first.filter((s) => s === 503).length).to.be.within(8, 32)
    expect(first.at(-1)).to.equal(404)
    const always = createSimulator()
    always.faults.rate({ kind: 'empty' }, 1)
    always.faults.rate({ kind: 'html' }, 0)
    expect(await get(always, '/v1/api/jobs/job_x')).to.equal(200)
    expect(always.log[0]?.fault).to.equal('empty')
  })

  it('refuses malformed rules, naming the problem', () => {
    const { faults } = createSimulator()
    expect(() => faults.inject({ kind: 'latency', ms: -1 })).to.throw(RangeError, /latency: ms/)
    expect(() => faults.inject({ kind: 'status', status: 404 as 500 })).to.throw(RangeError, /status must be/)
    expect(() => faults.inject({ kind: 'hang' }, { times: 0 })).to.throw(RangeError, /times/)
    expect(() => faults.rate({ kind: 'hang' }, 1.5)).to.throw(RangeError, /probability/)
  })
})
