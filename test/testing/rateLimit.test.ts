import { expect } from 'chai'
import { listingBody, transports, virtualClock, type Clock, type Harness } from './support.js'

const DAY = 24 * 60 * 60 * 1000

for (const transport of transports) {
  describe(`simulator rate limits (${transport.name})`, () => {
    let clock: Clock
    let h: Harness
    beforeEach(async () => {
      clock = virtualClock()
      h = await transport.start({ scheduler: clock.scheduler })
    })
    afterEach(() => h.sim.close())

    const submit = (key = h.sim.testKey, body: unknown = listingBody) => h.call('POST', '/v1/api/listing_builder', { key, body })
    const limits = (a: { headers: Headers }) => [
      a.headers.get('x-ratelimit-limit-minute'),
      a.headers.get('x-ratelimit-remaining-minute'),
      a.headers.get('x-ratelimit-limit-day'),
      a.headers.get('x-ratelimit-remaining-day'),
    ]

    it('counts down the headers, then answers 429 RATE_LIMIT_MINUTE_EXCEEDED with Retry-After', async () => {
      for (let i = 1; i <= 10; i++) {
        const a = await submit()
        expect(a.status).to.equal(202)
        expect(limits(a)).to.deep.equal(['10', String(10 - i), '500', String(500 - i)])
      }
      const over = await submit()
      expect(over.status).to.equal(429)
      expect(over.headers.get('retry-after')).to.equal('60')
      expect(over.body).to.deep.equal({ code: 'RATE_LIMIT_MINUTE_EXCEEDED', message: 'Too many submissions this minute; retry in 60 s', retry_after: 60 })
      expect(limits(over)).to.deep.equal(['10', '0', '500', '490'])
      expect(h.sim.jobIds()).to.have.length(10)
    })

    it('slides the minute window: a slot frees 60 s after the submission that took it', async () => {
      for (let i = 0; i < 10; i++) {
        expect((await submit()).status).to.equal(202)
        clock.advance(1000)
      }
      // now = 10 s; the oldest slot (t = 0) frees at 60 s
      let over = await submit()
      expect([over.status, over.headers.get('retry-after'), over.body.retry_after]).to.deep.equal([429, '50', 50])
      clock.advance(500)
      over = await submit()
      expect(over.headers.get('retry-after')).to.equal('50') // 49.5 s, rounded up
      clock.advance(49_499)
      over = await submit()
      expect([over.status, over.headers.get('retry-after')]).to.deep.equal([429, '1']) // 1 ms left
      clock.advance(1)
      const ok = await submit()
      expect(ok.status).to.equal(202)
      expect(ok.headers.get('x-ratelimit-remaining-minute')).to.equal('0')
      over = await submit()
      expect(over.headers.get('retry-after')).to.equal('1') // the t = 1 s slot frees at 61 s
    })

    it('enforces the day window', async () => {
      await h.sim.close()
      h = await transport.start({ scheduler: clock.scheduler, rateLimits: { perMinute: 10, perDay: 3 } })
      for (let i = 0; i < 3; i++) {
        expect((await submit()).status).to.equal(202)
        clock.advance(60 * 60 * 1000)
      }
      const over = await submit()
      expect(over.status).to.equal(429)
      expect(over.body.code).to.equal('RATE_LIMIT_DAY_EXCEEDED')
      expect(over.headers.get('retry-after')).to.equal(String(21 * 60 * 60))
      expect(limits(over)).to.deep.equal(['10', '10', '3', '0'])
      clock.advance(DAY - 3 * 60 * 60 * 1000)
      expect((await submit()).status).to.equal(202)
    })

    it('counts accepted submissions only, per organisation, and never limits reads', async () => {
      for (let i = 0; i < 15; i++) expect((await submit(h.sim.testKey, { ...listingBody, country_code: 'XX' })).status).to.equal(400)
      for (let i = 0; i < 10; i++) expect((await submit(h.sim.liveKey)).status).to.equal(202)
      expect((await submit(h.sim.testKey)).status).to.equal(429) // same organisation, other key
      expect((await submit(h.sim.testKey)).status).to.equal(429)
      const other = await submit(h.sim.otherOrgKey)
      expect(other.status).to.equal(202)
      expect(other.headers.get('x-ratelimit-remaining-minute')).to.equal('9')
      for (let i = 0; i < 20; i++) expect((await h.call('GET', '/v1/api/jobs?asin=B000000001')).status).to.equal(200)
    })

    it('checks the limit before the body', async () => {
      for (let i = 0; i < 10; i++) await submit()
      expect((await submit(h.sim.testKey, 'not json')).status).to.equal(429)
    })
  })
}
