import { PixiiErrorBase, type PixiiErrorInit } from './PixiiErrorBase.js'

/**
 * Why an image URL is known to have expired: the image host answered `403` or `410`, or the job
 * completed more than 7 days ago (`past-retention`, decided before any request is made).
 *
 * @example
 * ```ts
 * import type { ImageExpiry } from 'pixii-rx/advanced'
 * const askedTheHost = (reason: ImageExpiry): boolean => reason !== 'past-retention'
 * ```
 */
export type ImageExpiry = 'forbidden' | 'gone' | 'past-retention'

/**
 * The signed URL of one image no longer works: the image host refused it (403, 410), or the job
 * completed more than the 7 days that signed URLs live. Download images before that; fetch the
 * job again only if Pixii re-signs its URLs (it does not today). Not retryable. The message and
 * context name the job, the image and the URL path, never the URL's signature.
 *
 * @example
 * ```ts
 * import { ImageExpiredError } from 'pixii-rx'
 * const error = new ImageExpiredError({
 *   message: 'Image 2 of job job_1 has expired (the image host answered 403)',
 *   reason: 'forbidden', jobId: 'job_1', adIndex: 1, context: { method: 'GET', path: '/images/job_1/2.png', status: 403 },
 * })
 * console.log(error._tag, error.reason, error.adIndex, error.retryable)
 * // Output: ImageExpired forbidden 1 false
 * ```
 */
export class ImageExpiredError extends PixiiErrorBase {
  readonly _tag = 'ImageExpired' as const
  override readonly name = 'ImageExpiredError' as const
  readonly retryable = false as const
  /** How the expiry was detected. */
  readonly reason: ImageExpiry
  /** The job the image belongs to. */
  readonly jobId: string
  /** The image's position in the job's `output.ads` (0-based). */
  readonly adIndex: number
  /** When the URL expired or expires (`completed_at` plus 7 days), when known. */
  readonly expiresAt: string | undefined

  constructor(
    init: PixiiErrorInit & { readonly reason: ImageExpiry; readonly jobId: string; readonly adIndex: number; readonly expiresAt?: string },
  ) {
    super({ ...init, context: { jobId: init.jobId, ...init.context } })
    this.reason = init.reason
    this.jobId = init.jobId
    this.adIndex = init.adIndex
    this.expiresAt = init.expiresAt
  }
}
