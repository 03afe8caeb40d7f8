import { isSucceededAd } from '../codecs/Ad.js'
import type { CompletedJob } from '../codecs/Job.js'
import type { PixiiError } from '../errors/PixiiError.js'
import type { DownloadedImage, DownloadManifest } from './DownloadManifest.js'
import { retentionMs } from './retention.js'

/**
 * The manifest of a job from what its downloads came to.
 *
 * @example
 * ```ts
 * import { buildManifest } from './buildManifest.js'
 * import type { CompletedJob } from 'pixii-rx'
 * const job: CompletedJob = {
 *   id: 'job_1', job_type: 'Scale', status: 'completed', created_at: '2026-01-01T00:00:00.000Z', started_at: null,
 *   completed_at: '2026-01-01T00:02:00.000Z', credit_cost: 20, credits_refunded: 10, error_code: null,
 *   output: { ads: [{ preview_url: null, error: { code: 'CONTENT_POLICY', message: 'Refused' } }] },
 * }
 * const manifest = buildManifest(job, [], [], '2026-01-01T00:03:00.000Z')
 * console.log(manifest.expiresAt, JSON.stringify(manifest.failedAds), JSON.stringify(manifest.credits))
 * // Output: 2026-01-08T00:02:00.000Z [{"adIndex":0,"code":"CONTENT_POLICY","message":"Refused"}] {"charged":20,"refunded":10}
 * ```
 */
export function buildManifest(
  job: CompletedJob,
  images: readonly DownloadedImage[],
  failedImages: ReadonlyArray<{ readonly adIndex: number; readonly error: PixiiError }>,
  downloadedAt: string,
): DownloadManifest {
  const completed = job.completed_at === null ? undefined : Date.parse(job.completed_at)
  return {
    jobId: job.id,
    jobType: job.job_type,
    createdAt: job.created_at,
    completedAt: job.completed_at,
    expiresAt: completed === undefined ? null : new Date(completed + retentionMs).toISOString(),
    downloadedAt,
    credits: { charged: job.credit_cost, refunded: job.credits_refunded },
    images: [...images].sort((a, b) => a.adIndex - b.adIndex),
    failedImages: [...failedImages]
      .sort((a, b) => a.adIndex - b.adIndex)
      .map(({ adIndex, error }) => ({ adIndex, error: { _tag: error._tag, message: error.message } })),
    failedAds: job.output.ads.flatMap((ad, adIndex) => (isSucceededAd(ad) ? [] : [{ adIndex, code: ad.error.code, message: ad.error.message }])),
  }
}
