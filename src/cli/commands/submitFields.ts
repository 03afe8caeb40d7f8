import { InvalidArgumentError } from 'commander'
import { APlusType } from '../../codecs/APlusRequest.js'
import { ListingType } from '../../codecs/ListingBuilderRequest.js'
import { ScaleMode } from '../../codecs/ScaleRequest.js'

/** One API field of a submission, as a kebab-case flag. */
export interface SubmitField {
  /** The API's field name, such as `country_code`; the flag is `--country-code`. */
  readonly field: string
  readonly shape: 'text' | 'list' | 'json'
  readonly required: boolean
  readonly help: string
  /** The values the API accepts, from its codec: any other is a usage error that lists them. */
  readonly choices?: readonly string[]
}

const text = (field: string, help: string, required = false): SubmitField => ({ field, shape: 'text', required, help })
const list = (field: string, help: string, required = false): SubmitField => ({ field, shape: 'list', required, help })
const oneOf = (shape: 'text' | 'list', field: string, help: string, codec: { readonly keys: object }): SubmitField => ({
  field,
  shape,
  required: true,
  help,
  choices: Object.keys(codec.keys),
})

const common = [
  text('asin', 'the Amazon product (10 characters, such as B0CHX1W1XY)', true),
  text('country_code', 'the marketplace, ISO 3166-1 alpha-2 (US, DE, …)', true),
]

/**
 * The fields of each submission, in the API's names: `pixii-rx submit <kind>` takes each as
 * `--kebab-case`. Lists take several values (`--types "A+ Basic" "A+ Premium"`); Scale's `items`
 * takes JSON.
 *
 * @example
 * ```ts
 * import { flagOf, submitFields } from './submitFields.js'
 * console.log(submitFields['listing-builder'].map((f) => flagOf(f.field)).join(' '))
 * // Output: --asin --country-code --listing-type --main-image-url --other-image-urls
 * ```
 */
export const submitFields = {
  'listing-builder': [
    ...common,
    oneOf('text', 'listing_type', 'what to build', ListingType),
    text('main_image_url', 'the main product image (https URL)'),
    list('other_image_urls', 'more product images (https URLs)'),
  ],
  scale: [
    ...common,
    oneOf('text', 'scale_mode', 'how to scale the images', ScaleMode),
    { field: 'items', shape: 'json', required: true, help: 'the images to scale, as JSON: [{"preview_url","platform","asset_type"}, …]' },
    text('main_image_input', 'the main product image (https URL)'),
    list('other_images_input', 'more product images (https URLs)'),
    text('user_prompt', 'guidance; the target language for scale_mode language'),
  ],
  'a-plus': [
    ...common,
    oneOf('list', 'types', 'one to three A+ module types', APlusType),
    text('main_image_url', 'the main product image (https URL)'),
    list('other_image_urls', 'more product images (https URLs)'),
    text('user_prompt', 'guidance for the content'),
  ],
} as const satisfies Record<string, readonly SubmitField[]>

/**
 * The flag of an API field: `country_code` → `--country-code`.
 *
 * @example
 * ```ts
 * import { flagOf } from './submitFields.js'
 * console.log(flagOf('other_images_input'))
 * // Output: --other-images-input
 * ```
 */
export function flagOf(field: string): string {
  return `--${field.replace(/_/g, '-')}`
}

/**
 * The key commander stores a field's flag under: `country_code` → `countryCode`.
 *
 * @example
 * ```ts
 * import { optionKeyOf } from './submitFields.js'
 * console.log(optionKeyOf('other_image_urls'))
 * // Output: otherImageUrls
 * ```
 */
export function optionKeyOf(field: string): string {
  return field.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase())
}

/**
 * Parses a JSON flag value; bad JSON is a usage error.
 *
 * @example
 * ```ts
 * import { parseJsonFlag } from './submitFields.js'
 * console.log(JSON.stringify(parseJsonFlag('[{"a":1}]')))
 * // Output: [{"a":1}]
 * ```
 */
export function parseJsonFlag(value: string): unknown {
  try {
    return JSON.parse(value) as unknown
  } catch (error) {
    throw new InvalidArgumentError(`expected JSON (${error instanceof Error ? error.message : String(error)})`)
  }
}

/**
 * The request body from parsed flags: each field's value under its API name; absent flags are
 * left out, so the client's codecs name whatever is missing or wrong.
 *
 * @example
 * ```ts
 * import { requestFrom, submitFields } from './submitFields.js'
 * const flags = { asin: 'B0CHX1W1XY', countryCode: 'US', types: ['A+ Basic'] }
 * console.log(JSON.stringify(requestFrom(submitFields['a-plus'], flags)))
 * // Output: {"asin":"B0CHX1W1XY","country_code":"US","types":["A+ Basic"]}
 * ```
 */
export function requestFrom(fields: readonly SubmitField[], flags: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(fields.flatMap(({ field }) => (flags[optionKeyOf(field)] === undefined ? [] : [[field, flags[optionKeyOf(field)]]])))
}
