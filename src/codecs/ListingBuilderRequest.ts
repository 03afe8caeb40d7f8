import * as t from 'io-ts'
import { arrayOf } from './arrayOf.js'
import { Asin, CountryCode, HttpUrl } from './primitives.js'
import { requestCodec } from './requestCodec.js'

/**
 * What a Listing Builder job produces.
 *
 * @example
 * ```ts
 * import { ListingType } from 'pixii-rx/advanced'
 * console.log(ListingType.is('shopify_listing'))
 * // Output: true
 * ```
 */
export const ListingType = /* @__PURE__ */ t.keyof(
  { amazon_listing: null, amazon_main_images: null, amazon_mobile_listing: null, shopify_listing: null, tiktok_listing: null },
  'ListingType',
)
/** See the {@link ListingType} codec. */
export type ListingType = t.TypeOf<typeof ListingType>

/**
 * The body of `POST /v1/api/listing_builder`. Unknown fields are refused.
 *
 * @example
 * ```ts
 * import { ListingBuilderRequest } from 'pixii-rx/advanced'
 * const request: ListingBuilderRequest = { asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' }
 * console.log(ListingBuilderRequest.is(request))
 * // Output: true
 * ```
 */
export const ListingBuilderRequest = /* @__PURE__ */ requestCodec(
  'ListingBuilderRequest',
  { asin: Asin, country_code: CountryCode, listing_type: ListingType },
  { main_image_url: HttpUrl, other_image_urls: arrayOf(HttpUrl, { min: 1 }) },
)
/** See the {@link ListingBuilderRequest} codec. */
export type ListingBuilderRequest = t.TypeOf<typeof ListingBuilderRequest>
