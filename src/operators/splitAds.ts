import { map, pipe, type OperatorFunction } from 'rxjs'
import { isSucceededAd, type FailedAd, type SucceededAd } from '../codecs/Ad.js'
import type { CompletedJob, Job } from '../codecs/Job.js'
import { completedJob } from './completedJob.js'

/**
 * A completed job with its images split by outcome; what {@link splitAds} emits.
 *
 * @example
 * ```ts
 * import type { SplitAds } from 'pixii-rx'
 * const summary = ({ job, succeeded, failed, expiresAt }: SplitAds): string =>
 *   `${job.id}: ${succeeded.length} images, ${failed.length} failed, links valid until ${expiresAt ?? 'unknown'}`
 * ```
 */
export interface SplitAds {
  /** The completed job itself. */
  readonly job: CompletedJob
  /** The images that were generated, in the server's order: each has a `preview_url`. */
  readonly succeeded: SucceededAd[]
  /** The images that failed, in the server's order: each has an `error`, no URL. */
  readonly failed: FailedAd[]
  /** Credits charged for the job (`credit_cost`). */
  readonly creditsCharged: number
  /** Credits given back for the failed images (`credits_refunded`). */
  readonly creditsRefunded: number
  /**
   * When the job and its image URLs expire: `completed_at` plus 7 days, as an ISO 8601 UTC
   * string. `null` when the server gave no `completed_at` (it always should): a guess from the
   * local clock could claim URLs are still valid when they are not.
   */
  readonly expiresAt: string | null
}

const retentionMs = 7 * 24 * 60 * 60 * 1000

function split(job: CompletedJob): SplitAds {
  const succeeded: SucceededAd[] = []
  const failed: FailedAd[] = []
  for (const ad of job.output.ads) {
    if (isSucceededAd(ad)) succeeded.push(ad)
    else failed.push(ad)
  }
  return {
    job,
    succeeded,
    failed,
    creditsCharged: job.credit_cost,
    creditsRefunded: job.credits_refunded,
    expiresAt: job.completed_at === null ? null : new Date(Date.parse(job.completed_at) + retentionMs).toISOString(),
  }
}

/**
 * Turns each completed job of a stream into {@link SplitAds}: its images split into `succeeded`
 * (typed with a `string` `preview_url`) and `failed` (typed with an `error`), with the credits
 * charged and refunded and when the URLs expire. Jobs that are not completed are skipped; a job
 * that completed with every image failed still emits (with `succeeded` empty).
 *
 * ```text
 * source:  -p--r--(c|)
 * result:  -------(s|)     s = { job: c, succeeded, failed, creditsCharged, creditsRefunded, expiresAt }
 * ```
 *
 * @throws Never itself: the source's errors pass through unchanged.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs'
 * import { splitAds, type CompletedJob } from 'pixii-rx'
 * const job: CompletedJob = {
 *   id: 'job_1', job_type: 'Listing Builder', status: 'completed', created_at: '2026-01-01T00:00:00.000Z',
 *   started_at: '2026-01-01T00:00:05.000Z', completed_at: '2026-01-01T00:02:00.000Z', credit_cost: 20,
 *   credits_refunded: 10, error_code: null,
 *   output: { ads: [
 *     { preview_url: 'https://img.example/1.png', error: null },
 *     { preview_url: null, error: { code: 'CONTENT_POLICY', message: 'Refused' } },
 *   ] },
 * }
 * of(job).pipe(splitAds()).subscribe(({ succeeded, failed, creditsRefunded, expiresAt }) => {
 *   console.log(succeeded.map((ad) => ad.preview_url).join(), failed.map((ad) => ad.error.code).join())
 *   console.log(creditsRefunded, expiresAt)
 * })
 * // Output: https://img.example/1.png CONTENT_POLICY
 * // Output: 10 2026-01-08T00:02:00.000Z
 * ```
 *
 * @see {@link partitionAds} for two streams of single ads
 * @see {@link completedJob} for the completed job alone
 */
export function splitAds(): OperatorFunction<Job, SplitAds> {
  return pipe(completedJob(), map(split))
}
