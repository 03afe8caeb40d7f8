// The proxy in front of a hostile Pixii of our own: answers that echo the server's key (in an
// HTML error page, in a JSON message, in a success body, in headers, escaped), that redirect, or
// that never end. Whatever upstream says, the key never reaches the browser side: not in the
// status line, not in a header, not in the body as sent nor as a page's JSON.parse reads it.
import { expect } from 'chai'
import type { ServerResponse } from 'node:http'
import { createPixiiProxy, type PixiiProxyOptions } from '../../src/proxy/index.js'
import { jobBody, startHostileServer, type HostileRoute, type HostileServer } from '../support/hostileServer.js'
import { browserRequest, everythingSeen, jsonOf, type BrowserSees } from './browserRequest.js'
import { eventLog, serve, type Served } from './proxyServer.js'

// One key Pixii-shaped, one not: the second can only be caught as the configured key, not by pattern.
const pixiiShapedKey = 'pk_live_server_s3cret'
const keys = [pixiiShapedKey, 'Serv3r-0nly.K3y!']

const echoes: ReadonlyArray<readonly [string, HostileRoute]> = [
  ['an HTML 502 page', (req) => ({ status: 502, headers: { 'content-type': 'text/html' }, body: `<html><h1>Bad Gateway</h1><pre>Authorization: ${String(req.headers.authorization)}</pre></html>` })],
  ['a JSON error in Pixii’s shape', (req) => ({ status: 401, body: { code: 'UNAUTHORIZED', message: `Invalid key in ${String(req.headers.authorization)}` } })],
  ['a JSON error in Pixii’s shape, the key in detail and in an extra field', (req) => ({
    status: 400,
    body: { code: 'VALIDATION_ERROR', message: 'bad', detail: [{ field: String(req.headers.authorization), msg: 'echo' }], debug: { headers: req.headers } },
  })],
  ['a JSON error of another shape', (req) => ({ status: 500, body: { error: 'boom', request: { headers: req.headers } } })],
  ['a 200 job with the key in an extra field', (req) => ({ body: jobBody({ id: 'job_1', debug: String(req.headers.authorization) }) })],
  ['a 200 job with the key written in \\u escapes', (req) => ({
    headers: { 'content-type': 'application/json' },
    body: `{"id":"job_1","note":"${[...String(req.headers.authorization)].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"}`,
  })],
  ['a 200 HTML page', (req) => ({ headers: { 'content-type': 'text/html' }, body: `<p>${String(req.headers.authorization)}</p>` })],
  ['headers', (req) => ({
    status: 429,
    headers: {
      'retry-after': String(req.headers.authorization),
      'x-ratelimit-remaining-minute': String(req.headers.authorization),
      'content-type': `application/json; note="${String(req.headers.authorization)}"`,
      'x-echo': String(req.headers.authorization),
    },
    body: { code: 'RATE_LIMIT_MINUTE_EXCEEDED', message: 'slow down' },
  })],
]

describe('createPixiiProxy in front of a hostile upstream', () => {
  let upstream: HostileServer | undefined
  let proxy: Served | undefined
  let log: ReturnType<typeof eventLog>

  afterEach(async () => {
    await proxy?.close()
    await upstream?.close()
    proxy = undefined
    upstream = undefined
  })

  async function start(route: HostileRoute, options: Partial<PixiiProxyOptions> = {}): Promise<string> {
    upstream = await startHostileServer(route)
    log = eventLog()
    const apiKey = options.apiKey ?? pixiiShapedKey
    proxy = await serve(createPixiiProxy({ apiKey, upstream: upstream.url, allow: ['getJob', 'listJobs'], onRequest: log.onRequest, ...options }))
    return proxy.url
  }

  function expectNoKey(seen: BrowserSees, key: string): void {
    const everything = everythingSeen(seen)
    expect(everything).not.to.contain(key)
    // The part that makes it secret, in case a pattern left a prefix.
    expect(everything).not.to.contain(key.slice(-6))
    expect(seen.headers['content-type']).to.equal('application/json; charset=utf-8')
    expect(jsonOf(seen), 'the body is JSON, as the content type says').not.to.equal(undefined)
    expect(seen.headers['x-content-type-options']).to.equal('nosniff')
  }

  for (const key of keys) {
    for (const [name, route] of echoes) {
      it(`never lets the key reach the browser: ${name} (key ${key.slice(0, 8)}…)`, async () => {
        const url = await start(route, { apiKey: key })
        const seen = await browserRequest(`${url}/v1/api/jobs/job_1`)
        expect(upstream?.requests[0]?.headers.authorization).to.equal(`Bearer ${key}`) // it was there to echo
        expectNoKey(seen, key)
      })
    }
  }

  it('replaces an HTML error page with its own shape, keeping Pixii’s status', async () => {
    const url = await start((req) => ({ status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '30' }, body: `<h1>${String(req.headers.authorization)}</h1>` }))
    const seen = await browserRequest(`${url}/v1/api/jobs/job_1`)
    expect(seen.status).to.equal(503)
    expect(seen.headers['retry-after']).to.equal('30')
    expect(jsonOf(seen)).to.deep.equal({
      code: 'UPSTREAM_ERROR',
      message: 'Pixii answered 503 with a body that is not its error shape (text/html, 37 bytes); the proxy withheld it',
    })
    expect(seen.body).not.to.contain('<')
    expect(await log.seq(1)).to.deep.include({ outcome: 'upstream-failed', status: 503 })
  })

  it('relays an error in Pixii’s shape with the key redacted, and only its four fields', async () => {
    const url = await start((req) => ({
      status: 401,
      body: { code: 'UNAUTHORIZED', message: `No such key: ${String(req.headers.authorization)}`, detail: { header: String(req.headers.authorization) }, debug: 'internal', retry_after: 5 },
    }))
    const seen = await browserRequest(`${url}/v1/api/jobs/job_1`)
    expect(seen.status).to.equal(401)
    expect(jsonOf(seen)).to.deep.equal({ code: 'UNAUTHORIZED', message: 'No such key: Bearer [redacted]', detail: { header: 'Bearer [redacted]' }, retry_after: 5 })
    expect(await log.seq(1)).to.deep.include({ outcome: 'forwarded', status: 401 })
  })

  it('withholds a success body that holds the key: 502, and says why', async () => {
    const url = await start((req) => ({ body: jobBody({ id: 'job_1', note: String(req.headers.authorization) }) }))
    const seen = await browserRequest(`${url}/v1/api/jobs/job_1`)
    expect([seen.status, jsonOf(seen)]).to.deep.equal([502, { code: 'BAD_GATEWAY', message: "Pixii answered 200 with a body that holds the server's key; the proxy withheld it" }])
    expect(await log.seq(1)).to.deep.include({ outcome: 'upstream-failed', status: 502 })
  })

  it('relays a success body byte for byte, with JSON as its content type', async () => {
    const text = `{ "id": "job_1",\n  "status": "pending", "n": 1.50 }`
    const url = await start(() => ({ headers: { 'content-type': 'text/plain' }, body: text }))
    const seen = await browserRequest(`${url}/v1/api/jobs/job_1`)
    expect([seen.status, seen.body, seen.headers['content-type']]).to.deep.equal([200, text, 'application/json; charset=utf-8'])
  })

  it('follows no redirect: 502, nothing sent where it pointed, no Location', async () => {
    const elsewhere = await startHostileServer(() => ({ body: jobBody({ id: 'job_1' }) }))
    try {
      const url = await start(() => ({ status: 307, headers: { location: `${elsewhere.url}/steal` }, body: '' }))
      const seen = await browserRequest(`${url}/v1/api/jobs/job_1`)
      expect(seen.status).to.equal(502)
      expect((jsonOf(seen) as { code: string }).code).to.equal('BAD_GATEWAY')
      expect(seen.headers).not.to.have.property('location')
      expect(elsewhere.count()).to.equal(0)
    } finally {
      await elsewhere.close()
    }
  })

  it('relays nothing that came through a redirect, even with a fetch that follows them: 502', async () => {
    const elsewhere = await startHostileServer(() => ({ body: jobBody({ id: 'job_1' }) }))
    try {
      const following: PixiiProxyOptions['fetch'] = (input, init) => globalThis.fetch(input, { ...init, redirect: 'follow' })
      const url = await start(() => ({ status: 302, headers: { location: `${elsewhere.url}/v1/api/jobs/job_1` } }), { fetch: following })
      const seen = await browserRequest(`${url}/v1/api/jobs/job_1`)
      expect(elsewhere.count()).to.equal(1) // the fetch given did follow
      expect([seen.status, jsonOf(seen)]).to.deep.equal([502, { code: 'BAD_GATEWAY', message: "Pixii's answer came from where a redirect led, which the proxy does not follow" }])
    } finally {
      await elsewhere.close()
    }
  })

  it('stops reading an answer that never ends: 502, and says why', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'x')
    const endless = (res: ServerResponse): void => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const more = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', more)
      }
      res.once('close', () => res.off('drain', more))
      more()
    }
    const url = await start(() => endless)
    const seen = await browserRequest(`${url}/v1/api/jobs/job_1`)
    expect([seen.status, jsonOf(seen)]).to.deep.equal([502, { code: 'BAD_GATEWAY', message: "Pixii's answer was over 10485760 bytes; the proxy withheld it" }])
  })
})
