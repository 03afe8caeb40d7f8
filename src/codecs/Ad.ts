import * as t from 'io-ts'

/**
 * Why one image failed: an open-ended `code` (Pixii does not list them) and a message.
 *
 * @example
 * ```ts
 * import { AdError } from 'pixii-rx/advanced'
 * console.log(AdError.is({ code: 'CONTENT_POLICY', message: 'Refused' }))
 * // Output: true
 * ```
 */
export const AdError = /* @__PURE__ */ t.type({ code: t.string, message: t.string }, 'AdError')
/** See the {@link AdError} codec. */
export type AdError = t.TypeOf<typeof AdError>

/**
 * Fields that Pixii sends without documenting them (A+ ads carry `type` and module images).
 *
 * @example
 * ```ts
 * import type { UndocumentedFields } from 'pixii-rx/advanced'
 * const extra: UndocumentedFields = { type: 'A+ Premium' } // kept as sent, not typed
 * ```
 */
export type UndocumentedFields = Readonly<Record<string, unknown>>

/**
 * An image that was generated: a signed `preview_url` (valid 7 days after completion), no error.
 * Unknown extra fields are kept.
 *
 * @example
 * ```ts
 * import { SucceededAd } from 'pixii-rx/advanced'
 * console.log(SucceededAd.is({ preview_url: 'https://img.example/1.png', error: null }))
 * // Output: true
 * ```
 */
export const SucceededAd = /* @__PURE__ */ t.type({ preview_url: t.string, error: t.null }, 'SucceededAd')
/** See the {@link SucceededAd} codec. */
export type SucceededAd = t.TypeOf<typeof SucceededAd> & UndocumentedFields

/**
 * An image that failed: no `preview_url`, an {@link AdError}. Its credits come back in the job's
 * `credits_refunded`.
 *
 * @example
 * ```ts
 * import { FailedAd } from 'pixii-rx/advanced'
 * console.log(FailedAd.is({ preview_url: null, error: { code: 'TIMEOUT', message: 'Took too long' } }))
 * // Output: true
 * ```
 */
export const FailedAd = /* @__PURE__ */ t.type({ preview_url: t.null, error: AdError }, 'FailedAd')
/** See the {@link FailedAd} codec. */
export type FailedAd = t.TypeOf<typeof FailedAd> & UndocumentedFields

/**
 * One element of a completed job's `output.ads`: a {@link SucceededAd} or a {@link FailedAd}; a
 * null `preview_url` marks a failed one.
 *
 * @example
 * ```ts
 * import { Ad, isSucceededAd } from 'pixii-rx/advanced'
 * const ads: Ad[] = [
 *   { preview_url: 'https://img.example/1.png', error: null },
 *   { preview_url: null, error: { code: 'TIMEOUT', message: 'Took too long' } },
 * ]
 * for (const ad of ads) console.log(isSucceededAd(ad) ? ad.preview_url : ad.error.code)
 * // Output: https://img.example/1.png
 * // Output: TIMEOUT
 * ```
 */
export const Ad = /* @__PURE__ */ new t.Type<Ad, Ad, unknown>(
  'Ad',
  (input): input is Ad => SucceededAd.is(input) || FailedAd.is(input),
  // A null preview_url is what marks a failed ad: decoding against that branch alone names the
  // field that is really wrong, where a plain union would report both branches.
  (input, context) => {
    const failed = typeof input === 'object' && input !== null && (input as { preview_url?: unknown }).preview_url === null
    return (failed ? FailedAd : SucceededAd).validate(input, context)
  },
  t.identity,
)
/** See the {@link Ad} codec. */
export type Ad = SucceededAd | FailedAd

/**
 * Narrows an {@link Ad} to a {@link SucceededAd}.
 *
 * @param ad - An ad of a completed job's output.
 * @throws Never.
 *
 * @example
 * ```ts
 * import { isSucceededAd } from 'pixii-rx/advanced'
 * console.log(isSucceededAd({ preview_url: 'https://img.example/1.png', error: null }))
 * // Output: true
 * ```
 */
export function isSucceededAd(ad: Ad): ad is SucceededAd {
  return ad.preview_url !== null
}
