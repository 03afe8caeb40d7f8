import { expect } from 'chai'
import { lastValueFrom } from 'rxjs'
import { isPixiiError } from '../../src/index.js'

// Server-side rendering imports the page's modules in Node, where there is no window and a path
// has no origin: importing must not throw, and only a request would fail, before any network.
describe('a page’s client made at module level, imported on a server', () => {
  it('imports without error', async () => {
    expect(typeof (globalThis as { document?: unknown }).document).to.equal('undefined')
    const page = await import('./fixtures/pageClient.js')
    expect(page.pixii.keyKind).to.be.a('string')
  })

  it('fails each request with a ValidationError on baseUrl that says why, and sends nothing', async () => {
    const { pixii, plain, pushed, fetched } = await import('./fixtures/pageClient.js')
    for (const client of [pixii, plain, pushed]) {
      const watched = await lastValueFrom(client.watchJob$('job_1')).catch((error: unknown) => error)
      if (!isPixiiError(watched, 'Validation')) throw new Error(`expected a ValidationError, got ${String(watched)}`)
      expect(watched.field).to.equal('baseUrl')
      expect(watched.message).to.contain('outside a browser (server-side rendering?)')
      const got = await client.getJob('job_1')()
      expect(got._tag === 'Left' && got.left._tag).to.equal('Validation')
      const submitted = await client.submitListingBuilder({ asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' })()
      expect(submitted._tag === 'Left' && isPixiiError(submitted.left, 'Validation') && submitted.left.field).to.equal('baseUrl')
    }
    expect(fetched).to.deep.equal([])
  })
})
