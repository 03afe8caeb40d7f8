/**
 * The closed word lists of the Pixii API, as the server validates them (PIXII_API.md).
 *
 * @example
 * ```ts
 * import { VOCABULARY } from 'pixii-rx/testing'
 * console.log(VOCABULARY.countryCodes.includes('GB'), VOCABULARY.aPlusTypes.length)
 * // Output: true 3
 * ```
 */
export const VOCABULARY = {
  countryCodes: [
    'AE', 'AU', 'BE', 'BR', 'CA', 'CN', 'DE', 'EG', 'ES', 'FR', 'GB', 'IE', 'IN',
    'IT', 'JP', 'MX', 'NL', 'PL', 'SA', 'SE', 'SG', 'TR', 'UK', 'US', 'ZA',
  ],
  listingTypes: [
    'amazon_listing', 'amazon_main_images', 'amazon_mobile_listing', 'shopify_listing', 'tiktok_listing',
  ],
  scaleModes: ['catalog', 'inspire', 'variation', 'language'],
  platforms: ['Amazon', 'Amazon Mobile', 'Shopify', 'TikTok'],
  aPlusTypes: ['A+ Basic', 'A+ Premium', 'A+ Premium Mobile'],
} as const

/** A Listing Builder `listing_type`. */
export type ListingType = (typeof VOCABULARY.listingTypes)[number]
/** One of the A+ Content `types`. */
export type APlusType = (typeof VOCABULARY.aPlusTypes)[number]
