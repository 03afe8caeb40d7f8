import type { APlusType, ListingType } from './vocabulary.js'
import type { Submission } from './validateSubmission.js'

/**
 * The simulator's credit table. A+ prices are Pixii's published ones; the others are this
 * simulator's choice. A job costs the sum of its ads, debited at submission (live keys only:
 * test keys report the same `credit_cost` but spend nothing).
 *
 * @example
 * ```ts
 * import { PRICING } from 'pixii-rx/testing'
 * // an amazon_listing job: 7 ads of 10 credits
 * console.log(PRICING.listingBuilder.ads.amazon_listing * PRICING.listingBuilder.creditsPerAd, PRICING.aPlus['A+ Premium Mobile'])
 * // Output: 70 30
 * ```
 */
export const PRICING = {
  listingBuilder: {
    creditsPerAd: 10,
    /** How many ads a Listing Builder job yields, per `listing_type`. */
    ads: {
      amazon_listing: 7,
      amazon_main_images: 5,
      amazon_mobile_listing: 6,
      shopify_listing: 6,
      tiktok_listing: 5,
    } satisfies Record<ListingType, number>,
  },
  /** A Scale job yields one ad per item. */
  scale: { creditsPerItem: 10 },
  /** An A+ Content job yields one ad per requested type. */
  aPlus: { 'A+ Basic': 20, 'A+ Premium': 20, 'A+ Premium Mobile': 30 } satisfies Record<APlusType, number>,
} as const

/** One ad a job will produce, with its price. */
export interface PlannedAd {
  readonly cost: number
  /** Set on A+ Content ads only. */
  readonly aPlusType?: APlusType
}

/**
 * The ads a validated submission will produce, priced with `PRICING`.
 *
 * @example
 * ```ts
 * import { planAds } from './pricing.js'
 * console.log(planAds({ jobType: 'A+ Content', asin: 'B000000001', types: ['A+ Basic'] }))
 * // Output: [ { cost: 20, aPlusType: 'A+ Basic' } ]
 * ```
 */
export function planAds(submission: Submission): readonly PlannedAd[] {
  switch (submission.jobType) {
    case 'Listing Builder': {
      const n = submission.adCount ?? PRICING.listingBuilder.ads[submission.listingType]
      return Array.from({ length: n }, () => ({ cost: PRICING.listingBuilder.creditsPerAd }))
    }
    case 'Scale':
      return Array.from({ length: submission.itemCount }, () => ({ cost: PRICING.scale.creditsPerItem }))
    case 'A+ Content':
      return submission.types.map((type) => ({ cost: PRICING.aPlus[type], aPlusType: type }))
  }
}
