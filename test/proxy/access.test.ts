// Who may use the proxy for what: the authorize hook (sync, async, with the framework's request),
// job tokens (tampered, expired, another job's, missing, given twice) and the per-user submission
// quota. Every refusal is in Pixii's error shape, and the upstream, which counts every request
// that reaches it, proves that nothing was sent for it.
import { expect } from 'chai'
import express from 'express'
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { VirtualTimeScheduler } from 'rxjs'
import { isPixiiError } from '../../src/index.js'
import { createJobTokens, createPixiiProxy, perUserQuota, type PixiiProxyOptions, type ProxyAccess } from '../../src/proxy/index.js'
import { startSimulator } from '../../src/testing/index.js'
import { browserRequest, jsonOf } from './browserRequest.js'
import { serve, type Served } from './proxyServer.js'
import { json, startRecordingUpstream, type RecordingUpstream } from './recordingUpstream.js'

const serverKey = 'pk_live_server_s3cret'
const secret = 'the signing secret, at least thirty-two bytes long'
const listing = { asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' }
const accepted = (id: string) => ({ job_id: id, job_type: 'Listing Builder', status: 'pending', created_at: '2026-01-01T00:00:00Z' })
// Who owns what, as an app's database would say; the "session" is a header set by the test.
const jobOwners = new Map([['job_alice', 'alice'], ['job_bob', 'bob']])
const asinOwners = new Map([['B0ALICE001', 'alice'], ['B0BOB00001', 'bob']])
const userOf = (req: IncomingMessage): string | undefined => {
  const user = req.headers['x-user']
  return typeof user === 'string' ? user : undefined
}
const owns = ({ req, jobId, asin }: ProxyAccess): boolean =>
  (jobId !== undefined && jobOwners.get(jobId) === userOf(req)) || (asin !== undefined && asinOwners.get(asin) === userOf(req))

describe('createPixiiProxy authorization', () => {
  let upstream: RecordingUpstream
  let proxy: Served | undefined

  beforeEach(async () => {
    upstream = await startRecordingUpstream()
  })
  afterEach(async () => {
    await proxy?.close()
    proxy = undefined
    await upstream.close()
  })

  async function start(options: Partial<PixiiProxyOptions>): Promise<string> {
    proxy = await serve(createPixiiProxy({ apiKey: serverKey, upstream: upstream.url, allow: ['getJob', 'listJobs', 'submitListingBuilder'], ...options }))
    return proxy.url
  }

  async function refused(url: string, init: Parameters<typeof browserRequest>[1], status: number, code: string): Promise<string> {
    const seen = await browserRequest(url, init)
    const body = jsonOf(seen) as { code: string; message: string }
    expect(seen.status, seen.body).to.equal(status)
    expect(seen.headers['content-type']).to.equal('application/json; charset=utf-8')
    expect(Object.keys(body).sort()).to.include.members(['code', 'message'])
    expect(body.code).to.equal(code)
    expect(upstream.requests, 'nothing sent upstream').to.have.length(0)
    return body.message
  }

  describe('the authorize hook', () => {
    it('refuses another user’s job and serves the owner’s', async () => {
      const url = await start({ authorize: owns })
      expect(await refused(`${url}/v1/api/jobs/job_alice`, { headers: { 'x-user': 'bob' } }, 403, 'FORBIDDEN')).to.equal(
        'getJob of job job_alice is not allowed for this user',
      )
      await refused(`${url}/v1/api/jobs/job_alice`, {}, 403, 'FORBIDDEN')
      upstream.answer(json(200, { id: 'job_alice' }))
      const own = await browserRequest(`${url}/v1/api/jobs/job_alice`, { headers: { 'x-user': 'alice' } })
      expect(own.status).to.equal(200)
      expect(upstream.requests.map((request) => request.url)).to.deep.equal(['/v1/api/jobs/job_alice'])
    })

    it('refuses a listing of another user’s ASIN, and a submission for it, with the ASIN it checked', async () => {
      const seenByHook: ProxyAccess[] = []
      // Async, as a database lookup is.
      const url = await start({ authorize: async (access) => (seenByHook.push(access), Promise.resolve(owns(access))) })
      expect(await refused(`${url}/v1/api/jobs?asin=B0ALICE001&limit=5`, { headers: { 'x-user': 'bob' } }, 403, 'FORBIDDEN')).to.equal(
        'listJobs for ASIN B0ALICE001 is not allowed for this user',
      )
      const body = JSON.stringify({ ...listing, asin: 'B0ALICE001' })
      await refused(`${url}/v1/api/listing_builder`, { method: 'POST', headers: { 'x-user': 'bob', 'content-type': 'application/json' }, body }, 403, 'FORBIDDEN')
      expect(seenByHook.map(({ route, asin, submission }) => ({ route, asin, submission }))).to.deep.equal([
        { route: 'listJobs', asin: 'B0ALICE001', submission: undefined },
        { route: 'submitListingBuilder', asin: 'B0ALICE001', submission: { ...listing, asin: 'B0ALICE001' } },
      ])
      expect(seenByHook[0]?.req.headers['x-user']).to.equal('bob')
    })

    it('refuses when the hook says anything but true, or throws, and sends nothing', async () => {
      const truthy = await start({ authorize: (() => 'yes') as unknown as () => boolean })
      await refused(`${truthy}/v1/api/jobs/job_alice`, {}, 403, 'FORBIDDEN')
      await proxy?.close()
      const throwing = await start({ authorize: () => Promise.reject(new Error('database down')) })
      await refused(`${throwing}/v1/api/jobs/job_alice`, {}, 500, 'PROXY_ERROR')
    })

    it('hands Express’s own request (with what middleware put on it) to the hook', async () => {
      const app = express()
      app.use((req, _res, next) => {
        ;(req as express.Request & { user?: string | undefined }).user = userOf(req)
        next()
      })
      app.use(
        '/pixii',
        createPixiiProxy<express.Request & { user?: string | undefined }>({
          apiKey: serverKey,
          upstream: upstream.url,
          allow: ['getJob'],
          authorize: ({ req, jobId }) => jobOwners.get(jobId ?? '') === req.user,
        }),
      )
      const server = app.listen(0, '127.0.0.1')
      await new Promise((resolve) => server.once('listening', resolve))
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pixii`
      try {
        await refused(`${url}/v1/api/jobs/job_alice`, { headers: { 'x-user': 'bob' } }, 403, 'FORBIDDEN')
        upstream.answer(json(200, { id: 'job_bob' }))
        expect((await browserRequest(`${url}/v1/api/jobs/job_bob`, { headers: { 'x-user': 'bob' } })).status).to.equal(200)
        expect(upstream.requests).to.have.length(1)
      } finally {
        server.closeAllConnections()
        server.close()
      }
    })
  })

  describe('job tokens', () => {
    const scheduler = new VirtualTimeScheduler()
    const tokens = createJobTokens({ keys: { k1: secret }, ttlMs: 60_000, scheduler })

    it('lets a token read exactly its job, from the header or the query, and sends Pixii neither', async () => {
      const url = await start({ jobTokens: tokens })
      upstream.answer(json(200, { id: 'job_alice' }))
      const token = tokens.issue('job_alice', { subject: 'alice' })
      expect((await browserRequest(`${url}/v1/api/jobs/job_alice`, { headers: { 'x-pixii-job-token': token } })).status).to.equal(200)
      expect((await browserRequest(`${url}/v1/api/jobs/job_alice?token=${token}`)).status).to.equal(200)
      expect(upstream.requests.map((request) => request.url)).to.deep.equal(['/v1/api/jobs/job_alice', '/v1/api/jobs/job_alice'])
      expect(JSON.stringify(upstream.requests.map((request) => request.headers))).not.to.contain(token.split('.')[2])
    })

    it('refuses no token, a tampered, an expired and another job’s token, never echoing it', async () => {
      const claims: unknown[] = []
      const url = await start({ jobTokens: tokens, authorize: ({ token }) => (claims.push(token), true) })
      expect(await refused(`${url}/v1/api/jobs/job_alice`, {}, 401, 'UNAUTHORIZED')).to.contain('needs a job token')
      const token = tokens.issue('job_alice')
      const [keyId, payload, signature = ''] = token.split('.')
      const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`
      const forged = Buffer.from(JSON.stringify({ j: 'job_bob', e: Number.MAX_SAFE_INTEGER })).toString('base64url')
      const cases: Record<string, [string, string]> = {
        tampered: [`${keyId}.${payload}.${flipped}`, 'its signature does not match'],
        'payload swapped': [`${keyId}.${forged}.${signature}`, 'its signature does not match'],
        'another job’s': [token, 'it was issued for another job'],
        'unknown key': [`k9.${payload}.${signature}`, 'it was signed with a key this proxy does not hold'],
        garbage: ['not-a-token', 'it is not a job token'],
      }
      for (const [name, [presented, why]] of Object.entries(cases)) {
        const jobId = name === 'another job’s' || name === 'payload swapped' ? 'job_bob' : 'job_alice'
        const message = await refused(`${url}/v1/api/jobs/${jobId}`, { headers: { 'x-pixii-job-token': presented } }, 403, 'FORBIDDEN')
        expect(message, name).to.equal(`The job token does not open job ${jobId}: ${why}`)
        expect(message).not.to.contain(signature)
      }
      scheduler.schedule(() => undefined, 60_000)
      scheduler.flush()
      expect(await refused(`${url}/v1/api/jobs/job_alice`, { headers: { 'x-pixii-job-token': token } }, 403, 'FORBIDDEN')).to.contain('it has expired')
      expect(await refused(`${url}/v1/api/jobs/job_alice?token=a`, { headers: { 'x-pixii-job-token': 'a' } }, 400, 'VALIDATION_ERROR')).to.contain('more than once')
      expect(claims, 'the hook is asked only once the token holds').to.have.length(0)
    })

    it('hands the hook the token’s claims, and gives a submitter the token of its job', async () => {
      const fresh = createJobTokens({ keys: { old: secret, k2: `${secret} (rotated)` }, signWith: 'k2' })
      const old = createJobTokens({ keys: { old: secret } })
      const claims: unknown[] = []
      const url = await start({ jobTokens: fresh, authorize: ({ token }) => (claims.push(token), true) })
      upstream.answer(json(202, accepted('job_new')))
      const submitted = await browserRequest(`${url}/v1/api/listing_builder`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(listing) })
      const token = submitted.headers['x-pixii-job-token'] as string
      expect(submitted.status).to.equal(202)
      expect(fresh.verify(token, 'job_new')).to.deep.include({ ok: true })
      expect(token.startsWith('k2.')).to.equal(true)
      upstream.answer(json(200, { id: 'job_new' }))
      expect((await browserRequest(`${url}/v1/api/jobs/job_new`, { headers: { 'x-pixii-job-token': token } })).status).to.equal(200)
      // A token signed with the retired key still opens its job until it expires.
      expect((await browserRequest(`${url}/v1/api/jobs/job_new`, { headers: { 'x-pixii-job-token': old.issue('job_new') } })).status).to.equal(200)
      expect(claims).to.have.length(3)
      expect(claims[1]).to.deep.include({ jobId: 'job_new', keyId: 'k2' })
      expect(claims[2]).to.deep.include({ jobId: 'job_new', keyId: 'old' })
    })

    it('refuses bad options, naming them and never the secret', () => {
      const attempt = (options: unknown): string => {
        try {
          createJobTokens(options as Parameters<typeof createJobTokens>[0])
          return 'accepted'
        } catch (error) {
          return isPixiiError(error, 'Validation') ? error.message : String(error)
        }
      }
      expect(attempt({ keys: { k1: 'short secret' } })).to.equal('Invalid createJobTokens options: keys.k1: expected a secret of at least 32 bytes, got 12 bytes')
      expect(attempt({ keys: {} })).to.equal('Invalid createJobTokens options: keys: expected at least one key, as { keyId: secret }')
      expect(attempt({ keys: { a: secret, b: secret } })).to.equal('Invalid createJobTokens options: signWith: name the key that signs when there are several')
      expect(attempt({ keys: { 'a.b': secret }, ttlMs: 0 })).to.contain('key id "a.b" is not 1 to 32').and.contain('ttlMs: expected a positive number, got 0')
    })
  })

  describe('the submission quota', () => {
    it('keeps one user from spending the organisation’s per-minute budget', async () => {
      const simulator = await startSimulator({ rateLimits: { perMinute: 10, perDay: 500 } })
      const quota = perUserQuota({ userOf, perMinute: 5 })
      const served = await serve(createPixiiProxy({ apiKey: simulator.testKey, upstream: simulator.url, allow: ['submitListingBuilder'], submissionQuota: quota }))
      const submitAs = async (user: string | undefined) => {
        const headers = { 'content-type': 'application/json', ...(user === undefined ? {} : { 'x-user': user }) }
        const seen = await browserRequest(`${served.url}/v1/api/listing_builder`, { method: 'POST', headers, body: JSON.stringify(listing) })
        return `${seen.status} ${(jsonOf(seen) as { code?: string }).code ?? 'accepted'}`
      }
      try {
        const bob = []
        for (let n = 0; n < 12; n += 1) bob.push(await submitAs('bob'))
        expect(bob).to.deep.equal([...Array<string>(5).fill('202 accepted'), ...Array<string>(7).fill('429 USER_QUOTA_EXCEEDED')])
        expect(await submitAs('alice'), 'the other user’s next submission goes through').to.equal('202 accepted')
        expect(await submitAs(undefined)).to.equal('403 FORBIDDEN')
        expect(simulator.log.filter((request) => request.method === 'POST')).to.have.length(6)
      } finally {
        await served.close()
        await simulator.close()
      }
    })

    it('answers 429 in Pixii’s shape with Retry-After, and sends nothing', async () => {
      const url = await start({ submissionQuota: () => ({ retryAfterMs: 1_500 }) })
      const seen = await browserRequest(`${url}/v1/api/listing_builder`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(listing) })
      expect(seen.status).to.equal(429)
      expect(seen.headers['retry-after']).to.equal('2')
      expect(jsonOf(seen)).to.deep.equal({ code: 'USER_QUOTA_EXCEEDED', message: 'This user\'s submission quota is spent; retry in 2 s', retry_after: 2 })
      expect(upstream.requests).to.have.length(0)
    })

    it('is not asked for reads, and not before the submission passed its codec', async () => {
      let asked = 0
      const url = await start({ submissionQuota: () => (asked++, true) })
      upstream.answer(json(200, { id: 'job_1' }))
      await browserRequest(`${url}/v1/api/jobs/job_1`)
      const bad = await browserRequest(`${url}/v1/api/listing_builder`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"asin":"x"}' })
      expect(bad.status).to.equal(400)
      expect(asked).to.equal(0)
    })
  })
})
