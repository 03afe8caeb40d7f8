// The proxy in front of the simulator, called by the real client, mounted three ways: node:http,
// Express (with express.json() before it) and Fastify (the recipe of the README).
import { expect } from 'chai'
import express from 'express'
import Fastify from 'fastify'
import type { AddressInfo } from 'node:net'
import { lastValueFrom, toArray } from 'rxjs'
import { createPixiiClient, fixedSchedule } from '../../src/index.js'
import { createPixiiProxy, type PixiiProxyHandler } from '../../src/proxy/index.js'
import { startSimulator, type Simulator } from '../../src/testing/index.js'
import { serve } from './proxyServer.js'

type Mount = (proxy: (prefix: string) => PixiiProxyHandler) => Promise<{ url: string; close(): Promise<void> }>

const mounts: Record<string, Mount> = {
  'node:http': (proxy) => {
    const handler = proxy('/pixii')
    return serve((req, res) => handler(req, res, () => res.end(req.url === '/health' ? 'ok' : 'not found')))
  },
  Express: async (proxy) => {
    const app = express()
    app.use(express.json())
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
  },
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
        expect(last?.type === 'job' && last.job.status).to.equal('completed')
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
