import { checks, type Problem } from './fieldChecks.js'
import { VOCABULARY, type APlusType, type ListingType } from './vocabulary.js'

/** The three submission endpoints, named by their last path segment. */
export type SubmissionKind = 'listing_builder' | 'scale' | 'a_plus'

/** What the model keeps of a valid submission. */
export type Submission =
  | {
      readonly jobType: 'Listing Builder'
      readonly asin: string
      readonly listingType: ListingType
      /** Overrides the listing type's ad count (jobs inserted by `createJob`). */
      readonly adCount?: number
    }
  | { readonly jobType: 'Scale'; readonly asin: string; readonly itemCount: number }
  | { readonly jobType: 'A+ Content'; readonly asin: string; readonly types: readonly APlusType[] }

const { text, url, oneOf, list, optional, object, problem } = checks
const common = { asin: text(5, 15), country_code: oneOf(VOCABULARY.countryCodes) }

const listingBuilder = object({
  ...common,
  listing_type: oneOf(VOCABULARY.listingTypes),
  main_image_url: optional(url),
  other_image_urls: optional(list(url, 1)),
})

const scale = object({
  ...common,
  scale_mode: oneOf(VOCABULARY.scaleModes),
  main_image_input: optional(url),
  other_images_input: optional(list(url, 0)),
  user_prompt: optional(text(1)),
  items: list(object({ preview_url: url, platform: oneOf(VOCABULARY.platforms), asset_type: text(1) }), 1),
})

const aPlus = object({
  ...common,
  types: list(oneOf(VOCABULARY.aPlusTypes), 1, 3),
  main_image_url: optional(url),
  other_image_urls: optional(list(url, 1)),
  user_prompt: optional(text(1)),
})

/**
 * Validates a parsed JSON body against the documented fields of one submission endpoint.
 * Unknown fields are ignored; `null` counts as absent for optional fields. Beyond the field
 * shapes: Scale's `language` mode needs a `user_prompt`, A+ `types` must be distinct.
 *
 * @example
 * ```ts
 * import { validateSubmission } from './validateSubmission.js'
 * const result = validateSubmission('a_plus', { asin: 'B000000001', country_code: 'US', types: ['A+ Basic', 'A+ Basic'] })
 * console.log(JSON.stringify(result))
 * // Output: {"ok":false,"problem":{"field":"types","reason":"must not repeat a type"}}
 * ```
 */
export function validateSubmission(
  kind: SubmissionKind,
  body: unknown,
): { ok: true; submission: Submission } | { ok: false; problem: Problem } {
  const check = { listing_builder: listingBuilder, scale, a_plus: aPlus }[kind]
  const found = check(body, '')
  if (found) return { ok: false, problem: found.field === '' ? { ...found, field: 'body' } : found }
  const b = body as Record<string, unknown>
  const asin = b['asin'] as string
  switch (kind) {
    case 'listing_builder':
      return { ok: true, submission: { jobType: 'Listing Builder', asin, listingType: b['listing_type'] as ListingType } }
    case 'scale': {
      if (b['scale_mode'] === 'language' && (b['user_prompt'] === undefined || b['user_prompt'] === null)) {
        return { ok: false, problem: problem('user_prompt', 'is required when scale_mode is language (name the target language)') }
      }
      return { ok: true, submission: { jobType: 'Scale', asin, itemCount: (b['items'] as unknown[]).length } }
    }
    case 'a_plus': {
      const types = b['types'] as APlusType[]
      if (new Set(types).size !== types.length) return { ok: false, problem: problem('types', 'must not repeat a type') }
      return { ok: true, submission: { jobType: 'A+ Content', asin, types } }
    }
  }
}
