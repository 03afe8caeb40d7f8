// What a hostile web page can make a visitor's browser send to the proxy: a simple cross-site
// POST (text/plain, a form, a Blob without type: no preflight), a GET by <img> or <script>, a
// sandboxed frame's `Origin: null`; and query strings that say two things at once. Each is
// refused before its body is read, and nothing of it reaches Pixii (the upstream counts).
import { expect } from 'chai'
import { createPixiiProxy, type PixiiProxyOptions } from '../../src/proxy/index.js'
import { isPixiiError } from '../../src/index.js'
import { startHostileServer, type HostileServer } from '../support/hostileServer.js'
import { browserRequest, jsonOf } from './browserRequest.js'
import { eventLog, serve, type Served } from './proxyServer.js'

const listing = JSON.stringify({ asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' })
const accepted = { job_id: 'job_1', job_type: 'Listing Builder', status: 'pending', created_at: '2026-01-01T00:00:00Z' }
const json = 'application/json'
const evil = 'https://evil.example'

describe('createPixiiProxy against cross-site requests', () => {
  let upstream: HostileServer
  let proxy: Served | undefined
  let log: ReturnType<typeof eventLog>

  beforeEach(async () => {
    upstream = await startHostileServer((req) => (req.method === 'POST' ? { status: 202, body: accepted } : { body: { data: [], total: 0, page: 1, limit: 20 } }))
    log = eventLog()
  })
  afterEach(async () => {
    await proxy?.close()
    proxy = undefined
    await upstream.close()
  })

  async function start(options: Partial<PixiiProxyOptions> = {}): Promise<string> {
    proxy = await serve(createPixiiProxy({ apiKey: 'pk_live_server', upstream: upstream.url, allow: ['listJobs', 'submitListingBuilder'], onRequest: log.onRequest, ...options }))
    return proxy.url
  }
  const post = (url: string, headers: Record<string, string>, body = listing) => browserRequest(`${url}/v1/api/listing_builder`, { method: 'POST', headers, body })
  const list = (url: string, headers: Record<string, string> = {}, query = 'asin=B0CHX1W1XY') => browserRequest(`${url}/v1/api/jobs?${query}`, { headers })

  it('refuses a simple cross-site POST before reading it, and sends nothing upstream', async () => {
    const url = await start()
    const simple = [
      { origin: evil, 'content-type': 'text/plain;charset=UTF-8' },
      { origin: evil, 'content-type': 'application/x-www-form-urlencoded' },
      { origin: evil, 'content-type': 'multipart/form-data; boundary=x' },
      { origin: evil }, // a Blob without a type
      { origin: 'null', 'content-type': 'text/plain' }, // a sandboxed frame
      { origin: evil, 'content-type': json }, // what a preflight would have stopped
      { origin: `${evil}, ${url}`, 'content-type': json }, // two Origin headers, as Node joins them
      { 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, // no Origin, but the browser says
    ]
    for (const headers of simple) {
      const seen = await post(url, headers)
      expect(seen.status, JSON.stringify(headers)).to.equal(403)
      expect((jsonOf(seen) as { code: string }).code).to.equal('FORBIDDEN_ORIGIN')
      expect(seen.headers.connection).to.equal('close')
    }
    expect((jsonOf(await post(url, { origin: evil, 'content-type': 'text/plain' })) as { message: string }).message).to.match(
      /^A request from Origin "https:\/\/evil\.example" to Host "127\.0\.0\.1:\d+" is refused: this proxy serves only its own pages and allowedOrigins$/,
    )
    expect(upstream.count()).to.equal(0)
    expect(log.events.every((event) => event.outcome === 'refused' && event.route === 'submitListingBuilder')).to.equal(true)
  })

  it('refuses a same-origin submission that is not JSON with 415', async () => {
    const url = await start()
    const origin = url
    for (const type of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', undefined, 'application/jsonp', 'application/json-patch+json', 'text/json', 'application/json; charset=utf-16', 'application/json, text/plain']) {
      const seen = await post(url, type === undefined ? { origin } : { origin, 'content-type': type })
      expect(seen.status, String(type)).to.equal(415)
      expect((jsonOf(seen) as { code: string }).code).to.equal('UNSUPPORTED_MEDIA_TYPE')
    }
    expect(upstream.count()).to.equal(0)
  })

  it('forwards a same-origin JSON submission, however the JSON media type is spelled', async () => {
    const url = await start()
    const types = [json, 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"', ' application/json ; charset=utf8', 'application/json;']
    for (const type of types) {
      const seen = await post(url, { origin: url, 'content-type': type, 'sec-fetch-site': 'same-origin' })
      expect(seen.status, type).to.equal(202)
    }
    // No Origin at all: a server or a script, not a page.
    expect((await post(url, { 'content-type': json })).status).to.equal(202)
    expect(upstream.count()).to.equal(types.length + 1)
    expect(upstream.requests.every((req) => req.body === listing)).to.equal(true)
  })

  it('forwards from an origin in allowedOrigins, and then only from those listed', async () => {
    const url = await start({ allowedOrigins: ['https://app.example'] })
    expect((await post(url, { origin: 'https://app.example', 'content-type': json, 'sec-fetch-site': 'cross-site' })).status).to.equal(202)
    // Listed alone, the proxy's own origin is not implied: a DNS-rebinding page names the Host too.
    expect((await post(url, { origin: url, 'content-type': json })).status).to.equal(403)
    expect((await post(url, { origin: 'https://app.example.evil.example', 'content-type': json })).status).to.equal(403)
    expect(upstream.count()).to.equal(1)
    await proxy?.close()
    const both = await start({ allowedOrigins: ['same-origin', 'https://app.example/'] })
    expect((await post(both, { origin: both, 'content-type': json })).status).to.equal(202)
    expect((await post(both, { origin: 'https://app.example', 'content-type': json })).status).to.equal(202)
    expect(upstream.count()).to.equal(3)
  })

  it('holds GETs to the same rule: cross-site refused, same-origin and Origin-less served', async () => {
    const url = await start()
    expect((await list(url, { origin: evil })).status).to.equal(403)
    expect((await list(url, { 'sec-fetch-site': 'cross-site' })).status).to.equal(403) // an <img> or <script>
    expect((await list(url, { 'sec-fetch-site': 'same-site' })).status).to.equal(403)
    expect((await list(url, { origin: url.replace('127.0.0.1', 'localhost') })).status).to.equal(403)
    expect(upstream.count()).to.equal(0)
    expect((await list(url, { 'sec-fetch-site': 'same-origin' })).status).to.equal(200)
    expect((await list(url, { 'sec-fetch-site': 'none' })).status).to.equal(200) // the address bar
    expect((await list(url, { origin: url })).status).to.equal(200)
    expect((await list(url)).status).to.equal(200)
    expect(upstream.count()).to.equal(4)
  })

  it('refuses a query parameter given twice, naming it, and sends nothing', async () => {
    const url = await start()
    const repeated = [
      ['asin=B0CHX1W1XY&asin=B0OTHER001', 'asin', 2],
      ['asin=B0CHX1W1XY&asin=B0CHX1W1XY', 'asin', 2],
      ['asin=B0CHX1W1XY&page=1&page=2&page=3', 'page', 3],
      ['limit=5&asin=B0CHX1W1XY&limit=100', 'limit', 2],
    ] as const
    for (const [query, name, times] of repeated) {
      const seen = await list(url, {}, query)
      expect(seen.status, query).to.equal(400)
      expect(jsonOf(seen)).to.deep.equal({ code: 'VALIDATION_ERROR', message: `Query parameter "${name}" is given ${times} times; give it once`, detail: name })
    }
    expect(upstream.count()).to.equal(0)
  })

  it('checks allowedOrigins with the other options, naming the field', () => {
    const refusal = (allowedOrigins: unknown): string => {
      try {
        createPixiiProxy({ apiKey: 'pk_live_server', allow: ['getJob'], allowedOrigins } as PixiiProxyOptions)
      } catch (error) {
        if (isPixiiError(error, 'Validation')) return `${error.field ?? ''} | ${error.message}`
        throw error
      }
      return 'accepted'
    }
    expect(refusal(['*', 'https://app.example/path', 'null', 42, 'https://app.example', 'same-origin'])).to.equal(
      'allowedOrigins | Invalid createPixiiProxy options: allowedOrigins: expected a list of origins such as "https://app.example" ' +
        '(scheme, host and port only) or \'same-origin\', got "*", "https://app.example/path", "null", a number',
    )
    expect(refusal('https://app.example')).to.contain('allowedOrigins: expected a list of origins')
    expect(refusal(['ftp://app.example'])).to.contain('got "ftp://app.example"')
    expect(refusal(['https://user:pk_live_in_origin@app.example'])).to.contain('allowedOrigins').and.not.to.contain('in_origin')
    expect(refusal(['https://app.example?key=s3cret'])).to.contain('allowedOrigins').and.not.to.contain('s3cret')
    expect(refusal([])).to.equal('accepted') // no page at all: only servers and scripts
    expect(refusal(['same-origin', 'http://127.0.0.1:5173'])).to.equal('accepted')
  })
})
