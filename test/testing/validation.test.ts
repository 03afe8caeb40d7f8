import { expect } from 'chai'
import { VOCABULARY, createSimulator } from '../../src/testing/index.js'
import { aPlusBody, listingBody, scaleBody, transports, type Harness } from './support.js'

type Case = readonly [label: string, path: string, body: unknown, field: string | undefined]

const item = scaleBody.items[0]
const cases: readonly Case[] = [
  // Listing Builder
  ['missing asin', '/v1/api/listing_builder', { ...listingBody, asin: undefined }, 'asin'],
  ['short asin', '/v1/api/listing_builder', { ...listingBody, asin: 'B001' }, 'asin'],
  ['long asin', '/v1/api/listing_builder', { ...listingBody, asin: 'B0123456789ABCDEF' }, 'asin'],
  ['numeric asin', '/v1/api/listing_builder', { ...listingBody, asin: 1234567890 }, 'asin'],
  ['unknown country', '/v1/api/listing_builder', { ...listingBody, country_code: 'XX' }, 'country_code'],
  ['lower-case country', '/v1/api/listing_builder', { ...listingBody, country_code: 'us' }, 'country_code'],
  ['unknown listing_type', '/v1/api/listing_builder', { ...listingBody, listing_type: 'ebay_listing' }, 'listing_type'],
  ['relative main_image_url', '/v1/api/listing_builder', { ...listingBody, main_image_url: '/a.png' }, 'main_image_url'],
  ['empty other_image_urls', '/v1/api/listing_builder', { ...listingBody, other_image_urls: [] }, 'other_image_urls'],
  ['bad other_image_urls entry', '/v1/api/listing_builder', { ...listingBody, other_image_urls: ['https://x.invalid/a.png', 'nope'] }, 'other_image_urls[1]'],
  ['an array body', '/v1/api/listing_builder', [listingBody], 'body'],
  ['a null body', '/v1/api/listing_builder', 'null', 'body'],
  ['every optional field', '/v1/api/listing_builder', { ...listingBody, main_image_url: 'https://x.invalid/a.png', other_image_urls: ['https://x.invalid/b.png'] }, undefined],
  ['null optional fields and unknown fields', '/v1/api/listing_builder', { ...listingBody, main_image_url: null, extra: 1 }, undefined],
  ['country UK (listed besides GB)', '/v1/api/listing_builder', { ...listingBody, country_code: 'UK' }, undefined],
  // Scale
  ['unknown scale_mode', '/v1/api/scale', { ...scaleBody, scale_mode: 'remix' }, 'scale_mode'],
  ['language without user_prompt', '/v1/api/scale', { ...scaleBody, scale_mode: 'language' }, 'user_prompt'],
  ['language with user_prompt', '/v1/api/scale', { ...scaleBody, scale_mode: 'language', user_prompt: 'German' }, undefined],
  ['blank user_prompt', '/v1/api/scale', { ...scaleBody, user_prompt: '  ' }, 'user_prompt'],
  ['no items', '/v1/api/scale', { ...scaleBody, items: undefined }, 'items'],
  ['empty items', '/v1/api/scale', { ...scaleBody, items: [] }, 'items'],
  ['item of unknown platform', '/v1/api/scale', { ...scaleBody, items: [item, { ...item, platform: 'eBay' }] }, 'items[1].platform'],
  ['item without preview_url', '/v1/api/scale', { ...scaleBody, items: [{ ...item, preview_url: undefined }] }, 'items[0].preview_url'],
  ['item with empty asset_type', '/v1/api/scale', { ...scaleBody, items: [{ ...item, asset_type: '' }] }, 'items[0].asset_type'],
  ['item that is not an object', '/v1/api/scale', { ...scaleBody, items: ['x'] }, 'items[0]'],
  ['numeric main_image_input', '/v1/api/scale', { ...scaleBody, main_image_input: 5 }, 'main_image_input'],
  ['bad other_images_input', '/v1/api/scale', { ...scaleBody, other_images_input: ['ftp://x/a.png'] }, 'other_images_input[0]'],
  // A+ Content
  ['no types', '/v1/api/a_plus', { ...aPlusBody, types: [] }, 'types'],
  ['types not a list', '/v1/api/a_plus', { ...aPlusBody, types: 'A+ Basic' }, 'types'],
  ['four types', '/v1/api/a_plus', { ...aPlusBody, types: ['A+ Basic', 'A+ Premium', 'A+ Premium Mobile', 'A+ Basic'] }, 'types'],
  ['repeated type', '/v1/api/a_plus', { ...aPlusBody, types: ['A+ Basic', 'A+ Basic'] }, 'types'],
  ['unknown type', '/v1/api/a_plus', { ...aPlusBody, types: ['A+ Basic', 'A+ Gold'] }, 'types[1]'],
  ['numeric user_prompt', '/v1/api/a_plus', { ...aPlusBody, user_prompt: 3 }, 'user_prompt'],
  ['A+ country code', '/v1/api/a_plus', { ...aPlusBody, country_code: 'EU' }, 'country_code'],
  ['three distinct types', '/v1/api/a_plus', { ...aPlusBody, types: ['A+ Basic', 'A+ Premium', 'A+ Premium Mobile'] }, undefined],
]

// Every case in memory; the HTTP transport carries the same bytes, so a sample suffices there.
for (const transport of transports) {
  describe(`simulator submission validation (${transport.name})`, () => {
    let h: Harness
    before(async () => {
      h = await transport.start({ rateLimits: { perMinute: 1000, perDay: 1000 } })
    })
    after(() => h.sim.close())

    const chosen = transport.name === 'memory' ? cases : cases.filter((_, i) => i % 5 === 0)
    for (const [label, path, body, field] of chosen) {
      it(`${field === undefined ? 'accepts' : `rejects (${field})`} ${label} on ${path}`, async () => {
        const jobsBefore = h.sim.jobIds().length
        const a = await h.call('POST', path, { body: typeof body === 'string' ? body : JSON.stringify(body) })
        if (field === undefined) {
          expect(a.status, a.text).to.equal(202)
          return
        }
        expect(a.status).to.equal(400)
        expect(a.body.code).to.equal('VALIDATION_ERROR')
        expect(a.body.detail).to.equal(field)
        expect(a.body.message.startsWith(`${field} `)).to.equal(true)
        expect(h.sim.jobIds()).to.have.length(jobsBefore)
      })
    }
  })
}

describe('simulator submission vocabulary', () => {
  it('accepts each documented country code, listing type, scale mode and platform', async () => {
    const sim = createSimulator({ rateLimits: { perMinute: 1000, perDay: 1000 } })
    const post = async (path: string, body: unknown): Promise<number> => {
      const res = await sim.fetch(path, { method: 'POST', headers: { Authorization: `Bearer ${sim.testKey}` }, body: JSON.stringify(body) })
      return res.status
    }
    expect(VOCABULARY.countryCodes).to.have.length(25)
    for (const country_code of VOCABULARY.countryCodes) expect(await post('/v1/api/a_plus', { ...aPlusBody, country_code })).to.equal(202)
    for (const listing_type of VOCABULARY.listingTypes) expect(await post('/v1/api/listing_builder', { ...listingBody, listing_type })).to.equal(202)
    for (const scale_mode of VOCABULARY.scaleModes) {
      expect(await post('/v1/api/scale', { ...scaleBody, scale_mode, user_prompt: 'French' })).to.equal(202)
    }
    const items = VOCABULARY.platforms.map((platform) => ({ ...item, platform }))
    expect(await post('/v1/api/scale', { ...scaleBody, items })).to.equal(202)
    await sim.close()
  })
})
