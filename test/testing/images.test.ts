import { expect } from 'chai'
import { startSimulator } from '../../src/testing/index.js'
import { transports, virtualClock, START, type Clock, type Harness, type JobJson } from './support.js'

const DAY = 24 * 60 * 60 * 1000
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

for (const transport of transports) {
  describe(`simulator signed image URLs (${transport.name})`, () => {
    let clock: Clock
    let h: Harness
    let job: JobJson
    beforeEach(async () => {
      clock = virtualClock()
      h = await transport.start({ scheduler: clock.scheduler })
      const id = h.sim.createJob({ key: h.sim.testKey, jobType: 'A+ Content', adCount: 2, queuedMs: 0, processingMs: 1000 })
      clock.advance(1000)
      job = (await h.call<JobJson>('GET', `/v1/api/jobs/${id}`)).body
    })
    afterEach(() => h.sim.close())

    const url = (n = 0): string => job.output?.ads[n]?.preview_url ?? 'missing'
    const image = async (href: string, headers: Record<string, string> = {}) => {
      const res = await h.fetch(href, { headers })
      return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) }
    }

    it('signs URLs on the right host, expiring 7 days after completion', () => {
      const expires = Math.floor((START + 1000 + 7 * DAY) / 1000)
      const base = transport.name === 'http' ? h.base : 'https://images.pixii.invalid'
      expect(url(0)).to.match(new RegExp(`^${base.replace(/\./g, '\\.')}/images/${job.id}/1\\.png\\?expires=${expires}&signature=[0-9a-f]{64}$`))
      expect(url(1)).to.include(`/images/${job.id}/2.png?`)
    })

    it('serves a valid PNG for a valid URL, and records that no Authorization came along', async () => {
      const a = await image(url(0))
      expect(a.status).to.equal(200)
      expect(a.type).to.equal('image/png')
      expect([...a.bytes.subarray(0, 8)]).to.deep.equal(PNG_MAGIC)
      expect(Buffer.from(a.bytes.subarray(12, 16)).toString('latin1')).to.equal('IHDR')
      expect(Buffer.from(a.bytes.subarray(-8, -4)).toString('latin1')).to.equal('IEND')
      const again = await image(url(0))
      const other = await image(url(1))
      expect(again.bytes).to.deep.equal(a.bytes)
      expect(other.bytes).not.to.deep.equal(a.bytes)
      expect(h.sim.imageLog).to.deep.equal([
        { at: START + 1000, path: `/images/${job.id}/1.png`, hadAuthorization: false, status: 200 },
        { at: START + 1000, path: `/images/${job.id}/1.png`, hadAuthorization: false, status: 200 },
        { at: START + 1000, path: `/images/${job.id}/2.png`, hadAuthorization: false, status: 200 },
      ])
      expect(h.sim.log.map((r) => r.path)).to.deep.equal([`/v1/api/jobs/${job.id}`]) // not an API request
    })

    it('records an Authorization header sent to the image host', async () => {
      const a = await image(url(0), { Authorization: `Bearer ${h.sim.testKey}` })
      expect(a.status).to.equal(200)
      expect(h.sim.imageLog[0]?.hadAuthorization).to.equal(true)
    })

    it('serves A+ module images', async () => {
      const module = job.output?.ads[1]?.modules?.[1]?.image_url ?? 'missing'
      expect(module).to.include(`/images/${job.id}/2-2.png?`)
      expect((await image(module)).status).to.equal(200)
    })

    it('answers 403 to a tampered signature, path or expiry, and to a missing one', async () => {
      const good = new URL(url(0))
      const signature = good.searchParams.get('signature') ?? ''
      const flipped = (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1)
      const tampered = [
        url(0).replace(signature, flipped),
        url(0).replace('/1.png', '/2.png'),
        url(0).replace(/expires=(\d+)/, (_, e: string) => `expires=${Number(e) + 1}`),
        url(0).replace(/&signature=.*$/, ''),
        url(0).replace(/\?.*$/, ''),
        url(0).replace(signature, 'zz'),
      ]
      for (const href of tampered) {
        const res = await h.fetch(href)
        expect(res.status, href).to.equal(403)
        expect(await res.json()).to.deep.equal({ code: 'FORBIDDEN', message: 'Invalid image URL signature' })
      }
      expect(h.sim.imageLog.map((r) => r.status)).to.deep.equal(tampered.map(() => 403))
    })

    it('answers 403 once the URL has expired', async () => {
      clock.advance(7 * DAY)
      expect((await image(url(0))).status).to.equal(200)
      clock.advance(1000)
      const res = await h.fetch(url(0))
      expect(res.status).to.equal(403)
      expect(await res.json()).to.deep.equal({ code: 'FORBIDDEN', message: 'This image URL has expired' })
    })

    it('answers 405 to other methods on an image path', async () => {
      const res = await h.fetch(url(0), { method: 'POST' })
      expect(res.status).to.equal(405)
      await res.arrayBuffer()
    })
  })
}

describe('simulator imageBaseUrl', () => {
  it('lets an explicit imageBaseUrl win over the server url', async () => {
    const clock = virtualClock()
    const sim = await startSimulator({ scheduler: clock.scheduler, imageBaseUrl: 'https://cdn.example.invalid/' })
    try {
      const id = sim.createJob({ key: sim.testKey, queuedMs: 0, processingMs: 0 })
      const res = await fetch(`${sim.url}/v1/api/jobs/${id}`, { headers: { Authorization: `Bearer ${sim.testKey}` } })
      const body = (await res.json()) as JobJson
      expect(body.output?.ads[0]?.preview_url).to.match(/^https:\/\/cdn\.example\.invalid\/images\//)
      // the in-memory fetch ignores the host, so the URL is still served
      expect((await sim.fetch(body.output?.ads[0]?.preview_url ?? '')).status).to.equal(200)
    } finally {
      await sim.close()
    }
  })
})
