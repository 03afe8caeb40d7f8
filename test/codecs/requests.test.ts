import { expect } from 'chai'
import { APlusRequest, ListingBuilderRequest, ScaleRequest } from '../../src/advanced/index.js'
import { decodeMessage } from '../support/decodeMessage.js'

const item = { preview_url: 'https://cdn.example/1.png', platform: 'Amazon', asset_type: 'main' }

describe('request codecs', () => {
  describe('ListingBuilderRequest', () => {
    const valid = { asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' }

    it('accepts the documented fields', () => {
      expect(decodeMessage(ListingBuilderRequest, valid)).to.equal('ok')
      const full = { ...valid, main_image_url: 'https://cdn/a.jpg', other_image_urls: ['http://cdn/b.jpg'] }
      expect(decodeMessage(ListingBuilderRequest, full)).to.equal('ok')
    })

    it('names each bad field', () => {
      expect(decodeMessage(ListingBuilderRequest, { ...valid, asin: 'B0', country_code: 'XX', listing_type: 'ebay' })).to.equal(
        'asin: expected ASIN (5 to 15 characters, no spaces), got "B0"; ' +
          'country_code: expected CountryCode, got "XX"; ' +
          'listing_type: expected ListingType, got "ebay"',
      )
    })

    it('refuses an empty image list and a relative URL', () => {
      expect(decodeMessage(ListingBuilderRequest, { ...valid, other_image_urls: [] })).to.equal(
        'other_image_urls: expected at least 1 http(s) URL, got []',
      )
      expect(decodeMessage(ListingBuilderRequest, { ...valid, main_image_url: 'img.png' })).to.equal(
        'main_image_url: expected http(s) URL, got "img.png"',
      )
    })

    it('refuses an unknown field instead of dropping it', () => {
      expect(decodeMessage(ListingBuilderRequest, { ...valid, listingType: 'x' })).to.equal(
        'listingType: expected no such field, got "x"',
      )
    })

    it('refuses ASINs with spaces or over 15 characters', () => {
      expect(decodeMessage(ListingBuilderRequest, { ...valid, asin: 'B0CH X1W1' })).to.contain('asin: expected ASIN')
      expect(decodeMessage(ListingBuilderRequest, { ...valid, asin: 'B'.repeat(16) })).to.contain('asin: expected ASIN')
      expect(decodeMessage(ListingBuilderRequest, { ...valid, asin: 'B'.repeat(15) })).to.equal('ok')
    })
  })

  describe('ScaleRequest', () => {
    const valid = { asin: 'B0CHX1W1XY', country_code: 'DE', scale_mode: 'catalog', items: [item] }

    it('accepts the documented fields', () => {
      expect(decodeMessage(ScaleRequest, valid)).to.equal('ok')
    })

    it('requires user_prompt in language mode', () => {
      expect(decodeMessage(ScaleRequest, { ...valid, scale_mode: 'language' })).to.equal(
        'user_prompt: expected the target language (required when scale_mode is "language"), got undefined',
      )
      expect(decodeMessage(ScaleRequest, { ...valid, scale_mode: 'language', user_prompt: 'German' })).to.equal('ok')
    })

    it('refuses an empty item list, bad items and a blank prompt', () => {
      expect(decodeMessage(ScaleRequest, { ...valid, items: [] })).to.equal('items: expected at least 1 ScaleItem, got []')
      expect(decodeMessage(ScaleRequest, { ...valid, items: [{ ...item, platform: 'eBay' }] })).to.equal(
        'items/0/platform: expected Platform, got "eBay"',
      )
      expect(decodeMessage(ScaleRequest, { ...valid, user_prompt: '  ' })).to.equal(
        'user_prompt: expected non-empty string, got "  "',
      )
    })
  })

  describe('APlusRequest', () => {
    const valid = { asin: 'B0CHX1W1XY', country_code: 'US', types: ['A+ Basic'] }

    it('accepts one to three distinct types', () => {
      expect(decodeMessage(APlusRequest, valid)).to.equal('ok')
      expect(decodeMessage(APlusRequest, { ...valid, types: ['A+ Basic', 'A+ Premium', 'A+ Premium Mobile'] })).to.equal('ok')
    })

    it('refuses duplicates, none, and unknown types', () => {
      const expected = 'types: expected 1 to 3 distinct APlusType, got '
      expect(decodeMessage(APlusRequest, { ...valid, types: ['A+ Basic', 'A+ Basic'] })).to.equal(`${expected}["A+ Basic","A+ Basic"]`)
      expect(decodeMessage(APlusRequest, { ...valid, types: [] })).to.equal(`${expected}[]`)
      expect(decodeMessage(APlusRequest, { ...valid, types: ['A+ Gold'] })).to.equal('types/0: expected APlusType, got "A+ Gold"')
    })
  })
})
