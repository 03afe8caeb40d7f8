// The proxy in front of the simulator, called by the real client, mounted three ways: node:http,
// Express (with express.json() before it) and Fastify (the recipe of the README). Then, mounted
// the same ways (and under Express with every body parser, which turns a form into an object),
// against what a hostile page sends and what a hostile upstream answers.
import { expect } from 'chai'
import express from 'express'
import Fastify from 'fastify'
import type { AddressInfo } from 'node:net'
import { lastValueFrom, toArray } from 'rxjs'
import { createPixiiClient, fixedSchedule } from '../../src/index.js'
import { createPixiiProxy, type PixiiProxyHandler } from '../../src/proxy/index.js'
import { startSimulator, type Simulator } from '../../src/testing/index.js'
import { jobBody, startHostileServer, type HostileServer } from '../support/hostileServer.js'
import { browserRequest, everythingSeen, jsonOf } from './browserRequest.js'
import { serve } from './proxyServer.js'

type Mount = (proxy: (prefix: string) => PixiiProxyHandler) => Promise<{ url: string; close(): Promise<void> }>

async function expressWith(parsers: readonly express.RequestHandler[], proxy: (prefix: string) => PixiiProxyHandler): Promise<{ url: string; close(): Promise<void> }> {
  const app = express()
  for (const parser of parsers) app.use(parser)
  app.use('/pixii', proxy(''))
  app.get('/health', (_req, res) => {
    res.send('ok')
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}

const mounts: Record<string, Mount> = {
  'node:http': (proxy) => {
    const handler = proxy('/pixii')
    return serve((req, res) => handler(req, res, () => res.end(req.url === '/health' ? 'ok' : 'not found')))
  },
  Express: (proxy) => expressWith([express.json()], proxy),
  Fastify: async (proxy) => {
    const app = Fastify()
    const handler = proxy('/pixii')
    await app.register((scope, _options, done) => {
      // Leave the body unread for the proxy, which reads and checks it itself.
      scope.removeAllContentTypeParsers()
      scope.addContentTypeParser('*', (_request, _payload, parsed) => parsed(null))
      scope.all('/pixii/*', (request, reply) => {
        reply.hijack()
        handler(request.raw, reply.raw)
      })
      done()
    })
    app.get('/health', () => 'ok')
    await app.listen({ port: 0, host: '127.0.0.1' })
    return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() }
  },
}

describe('createPixiiProxy mounted in a server', () => {
  for (const [name, mount] of Object.entries(mounts)) {
    describe(name, () => {
      let simulator: Simulator & { url: string }
      let served: { url: string; close(): Promise<void> }

      before(async () => {
        simulator = await startSimulator()
        served = await mount((prefix) =>
          createPixiiProxy({ apiKey: simulator.testKey, upstream: simulator.url, prefix, allow: ['getJob', 'listJobs', 'submitListingBuilder'] }),
        )
      })
      after(async () => {
        await served.close()
        await simulator.close()
      })

      it('lets the client submit, watch and list through it with the server’s key', async () => {
        // Outside a browser the client needs some key; the proxy drops it and sends its own.
        const pixii = createPixiiClient({ apiKey: 'pk_test_not_pixiis', baseUrl: `${served.url}/pixii`, schedule: fixedSchedule(50) })
        const events = await lastValueFrom(
          pixii.run$({ kind: 'listingBuilder', request: { asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' } }).pipe(toArray()),
        )
        const last = events.at(-1)
        expect(last?.kind === 'job' && last.job.status).to.equal('completed')
        const listed = await pixii.listJobs({ asin: 'B0CHX1W1XY' })()
        expect(listed._tag === 'Right' && listed.right.total).to.equal(1)
        const orgs = new Set(simulator.log.map((entry) => entry.org))
        expect([...orgs]).to.have.length(1) // every request reached Pixii as the server's organisation
        expect(simulator.log.every((entry) => entry.status !== 401)).to.equal(true)
      })

      it('refuses what is not allowed, and leaves other paths to the server', async () => {
        const scale = await fetch(`${served.url}/pixii/v1/api/scale`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
        expect(scale.status).to.equal(403)
        expect(await (await fetch(`${served.url}/health`)).text()).to.equal('ok')
      })
    })
  }
})

const hostileMounts: Record<string, Mount> = {
  ...mounts,
  'Express with every body parser': (proxy) => expressWith([express.json(), express.urlencoded({ extended: false }), express.text()], proxy),
}

describe('createPixiiProxy mounted in a server, between a hostile page and a hostile upstream', () => {
  const serverKey = 'pk_live_server_s3cret'
  const listing = { asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' }
  const accepted = { job_id: 'job_1', job_type: 'Listing Builder', status: 'pending', created_at: '2026-01-01T00:00:00Z' }
  const form = new URLSearchParams(listing).toString()

  for (const [name, mount] of Object.entries(hostileMounts)) {
    describe(name, () => {
      let upstream: HostileServer
      let served: { url: string; close(): Promise<void> }

      before(async () => {
        upstream = await startHostileServer((req) => {
          if (req.method === 'POST') return { status: 202, body: accepted }
          if (req.url.pathname === '/v1/api/jobs/job_echo') {
            return { status: 502, headers: { 'content-type': 'text/html' }, body: `<h1>502</h1><pre>${String(req.headers.authorization)}</pre>` }
          }
          return { body: jobBody({ id: 'job_1' }) }
        })
        served = await mount((prefix) =>
          createPixiiProxy({ apiKey: serverKey, upstream: upstream.url, prefix, allow: ['getJob', 'listJobs', 'submitListingBuilder'] }),
        )
      })
      after(async () => {
        await served.close()
        await upstream.close()
      })

      const submit = (headers: Record<string, string>, body: string) =>
        browserRequest(`${served.url}/pixii/v1/api/listing_builder`, { method: 'POST', headers, body })

      it('refuses a cross-site simple POST and a same-origin one that is not JSON, sending nothing', async () => {
        const before = upstream.count()
        const evil = 'https://evil.example'
        const crossSite = [
          await submit({ origin: evil, 'content-type': 'text/plain;charset=UTF-8' }, JSON.stringify(listing)),
          await submit({ origin: evil, 'content-type': 'application/x-www-form-urlencoded' }, form),
          await submit({ origin: evil, 'content-type': 'application/json' }, JSON.stringify(listing)),
        ]
        expect(crossSite.map((seen) => [seen.status, (jsonOf(seen) as { code?: string } | undefined)?.code])).to.deep.equal(Array(3).fill([403, 'FORBIDDEN_ORIGIN']))
        const notJson = [
          await submit({ origin: served.url, 'content-type': 'text/plain' }, JSON.stringify(listing)),
          await submit({ origin: served.url, 'content-type': 'application/x-www-form-urlencoded' }, form),
        ]
        expect(notJson.map((seen) => seen.status)).to.deep.equal([415, 415])
        expect(upstream.count() - before).to.equal(0)
      })

      it('forwards a same-origin JSON submission', async () => {
        const before = upstream.count()
        const seen = await submit({ origin: served.url, 'content-type': 'application/json; charset=utf-8', 'sec-fetch-site': 'same-origin' }, JSON.stringify(listing))
        expect([seen.status, jsonOf(seen)]).to.deep.equal([202, accepted])
        expect(upstream.count() - before).to.equal(1)
        expect(upstream.requests.at(-1)?.body).to.equal(JSON.stringify(listing))
      })

      it('refuses a repeated asin with 400, sending nothing', async () => {
        const before = upstream.count()
        const seen = await browserRequest(`${served.url}/pixii/v1/api/jobs?asin=B0CHX1W1XY&asin=B0OTHER001`)
        expect([seen.status, (jsonOf(seen) as { code?: string } | undefined)?.code]).to.deep.equal([400, 'VALIDATION_ERROR'])
        expect(upstream.count() - before).to.equal(0)
      })

      it('never lets an upstream page that echoes the key reach the browser', async () => {
        const seen = await browserRequest(`${served.url}/pixii/v1/api/jobs/job_echo`)
        expect(upstream.requests.at(-1)?.headers.authorization).to.equal(`Bearer ${serverKey}`)
        expect(seen.status).to.equal(502)
        expect(everythingSeen(seen)).not.to.contain('s3cret')
        expect((jsonOf(seen) as { code?: string } | undefined)?.code).to.equal('UPSTREAM_ERROR')
      })
    })
  }
})
