import * as t from 'io-ts'
import { arrayOf } from './arrayOf.js'
import { Asin, CountryCode, HttpUrl, NonBlankString } from './primitives.js'
import { requestCodec } from './requestCodec.js'

/**
 * A kind of A+ Content module set: `A+ Basic` (20 credits), `A+ Premium` (20), `A+ Premium
 * Mobile` (30).
 *
 * @example
 * ```ts
 * import { APlusType } from 'pixii-rx/advanced'
 * console.log(APlusType.is('A+ Premium'))
 * // Output: true
 * ```
 */
export const APlusType = /* @__PURE__ */ t.keyof({ 'A+ Basic': null, 'A+ Premium': null, 'A+ Premium Mobile': null }, 'APlusType')
/** See the {@link APlusType} codec. */
export type APlusType = t.TypeOf<typeof APlusType>

/**
 * The body of `POST /v1/api/a_plus`: one to three distinct `types`. Unknown fields are refused.
 *
 * @example
 * ```ts
 * import { APlusRequest } from 'pixii-rx/advanced'
 * const request: APlusRequest = { asin: 'B0CHX1W1XY', country_code: 'US', types: ['A+ Basic', 'A+ Premium'] }
 * console.log(APlusRequest.is(request))
 * // Output: true
 * ```
 */
export const APlusRequest = /* @__PURE__ */ requestCodec(
  'APlusRequest',
  { asin: Asin, country_code: CountryCode, types: arrayOf(APlusType, { min: 1, max: 3, distinct: true }) },
  { main_image_url: HttpUrl, other_image_urls: arrayOf(HttpUrl, { min: 1 }), user_prompt: NonBlankString },
)
/** See the {@link APlusRequest} codec. */
export type APlusRequest = t.TypeOf<typeof APlusRequest>
