import * as t from 'io-ts'
import { arrayOf } from './arrayOf.js'
import { Asin, CountryCode, HttpUrl, NonBlankString } from './primitives.js'
import { requestCodec } from './requestCodec.js'

/**
 * How a Scale job varies the listing. `language` needs the target language in `user_prompt`.
 *
 * @example
 * ```ts
 * import { ScaleMode } from 'pixii-rx/advanced'
 * console.log(ScaleMode.is('variation'))
 * // Output: true
 * ```
 */
export const ScaleMode = /* @__PURE__ */ t.keyof({ catalog: null, inspire: null, variation: null, language: null }, 'ScaleMode')
/** See the {@link ScaleMode} codec. */
export type ScaleMode = t.TypeOf<typeof ScaleMode>

/**
 * Where a Scale item is shown.
 *
 * @example
 * ```ts
 * import { Platform } from 'pixii-rx/advanced'
 * console.log(Platform.is('Amazon Mobile'))
 * // Output: true
 * ```
 */
export const Platform = /* @__PURE__ */ t.keyof({ Amazon: null, 'Amazon Mobile': null, Shopify: null, TikTok: null }, 'Platform')
/** See the {@link Platform} codec. */
export type Platform = t.TypeOf<typeof Platform>

/**
 * One image to scale: its URL, the platform, and an open-ended asset type.
 *
 * @example
 * ```ts
 * import { ScaleItem } from 'pixii-rx/advanced'
 * console.log(ScaleItem.is({ preview_url: 'https://cdn.example/1.png', platform: 'Amazon', asset_type: 'main' }))
 * // Output: true
 * ```
 */
export const ScaleItem = /* @__PURE__ */ requestCodec('ScaleItem', { preview_url: HttpUrl, platform: Platform, asset_type: NonBlankString }, {})
/** See the {@link ScaleItem} codec. */
export type ScaleItem = t.TypeOf<typeof ScaleItem>

/**
 * The body of `POST /v1/api/scale`. Unknown fields are refused, and `scale_mode: 'language'`
 * without a `user_prompt` is refused before anything is sent.
 *
 * @example
 * ```ts
 * import { ScaleRequest } from 'pixii-rx/advanced'
 * const request: ScaleRequest = {
 *   asin: 'B0CHX1W1XY', country_code: 'DE', scale_mode: 'language', user_prompt: 'German',
 *   items: [{ preview_url: 'https://cdn.example/1.png', platform: 'Amazon', asset_type: 'main' }],
 * }
 * console.log(ScaleRequest.is(request))
 * // Output: true
 * ```
 */
export const ScaleRequest = /* @__PURE__ */ requestCodec(
  'ScaleRequest',
  { asin: Asin, country_code: CountryCode, scale_mode: ScaleMode, items: arrayOf(ScaleItem, { min: 1 }) },
  { main_image_input: HttpUrl, other_images_input: arrayOf(HttpUrl, { min: 1 }), user_prompt: NonBlankString },
  [
    (request) =>
      request.scale_mode === 'language' && request.user_prompt === undefined
        ? { field: 'user_prompt', expected: 'the target language (required when scale_mode is "language")' }
        : undefined,
  ],
)
/** See the {@link ScaleRequest} codec. */
export type ScaleRequest = t.TypeOf<typeof ScaleRequest>
