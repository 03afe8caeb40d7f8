import * as t from 'io-ts'
import { refinedString } from './refinedString.js'

const forbiddenInAsin = /[\s\u0000-\u001f\u007f]/u

/**
 * The product identifier a job is for: 5 to 15 characters, no whitespace or control characters.
 *
 * @example
 * ```ts
 * import { Asin } from 'pixii-rx/advanced'
 * console.log(Asin.is('B0CHX1W1XY'), Asin.is('B0'))
 * // Output: true false
 * ```
 */
export const Asin = /* @__PURE__ */ refinedString(
  'ASIN (5 to 15 characters, no spaces)',
  (value) => value.length >= 5 && value.length <= 15 && !forbiddenInAsin.test(value),
)

const forbiddenInJobId = /[/?#%\s\u0000-\u001f\u007f]/u

/**
 * A job id as it may appear in a URL path: 1 to 128 characters, without `/`, `?`, `#`, `%`,
 * whitespace or control characters. Anything else is refused before a request is made.
 *
 * @example
 * ```ts
 * import { JobId } from 'pixii-rx/advanced'
 * console.log(JobId.is('job_123'), JobId.is('../admin'))
 * // Output: true false
 * ```
 */
export const JobId = /* @__PURE__ */ refinedString(
  'job id (1 to 128 characters, without "/", "?", "#", "%", whitespace or control characters)',
  (value) => value.length >= 1 && value.length <= 128 && !forbiddenInJobId.test(value),
)

/**
 * An absolute `http:` or `https:` URL, such as an input image.
 *
 * @example
 * ```ts
 * import { HttpUrl } from 'pixii-rx/advanced'
 * console.log(HttpUrl.is('https://cdn.example/shoe.jpg'), HttpUrl.is('shoe.jpg'))
 * // Output: true false
 * ```
 */
export const HttpUrl = /* @__PURE__ */ refinedString('http(s) URL', (value) => {
  if (!URL.canParse(value)) return false
  const { protocol } = new URL(value)
  return protocol === 'https:' || protocol === 'http:'
})

/**
 * A string with at least one character that is not whitespace.
 *
 * @example
 * ```ts
 * import { NonBlankString } from 'pixii-rx/advanced'
 * console.log(NonBlankString.is('German'), NonBlankString.is('  '))
 * // Output: true false
 * ```
 */
export const NonBlankString = /* @__PURE__ */ refinedString('non-empty string', (value) => value.trim().length > 0)

/**
 * The marketplaces Pixii accepts.
 *
 * @example
 * ```ts
 * import { CountryCode } from 'pixii-rx/advanced'
 * console.log(CountryCode.is('DE'), CountryCode.is('XX'))
 * // Output: true false
 * ```
 */
export const CountryCode = /* @__PURE__ */ t.keyof(
  {
    AE: null, AU: null, BE: null, BR: null, CA: null, CN: null, DE: null, EG: null, ES: null, FR: null,
    GB: null, IE: null, IN: null, IT: null, JP: null, MX: null, NL: null, PL: null, SA: null, SE: null,
    SG: null, TR: null, UK: null, US: null, ZA: null,
  },
  'CountryCode',
)
/** See the {@link CountryCode} codec. */
export type CountryCode = t.TypeOf<typeof CountryCode>
