import * as t from 'io-ts'

/**
 * One image on disk in a {@link DownloadManifest}: its position in the job, its file (relative
 * to the manifest), size, SHA-256, type, and the URL it came from without its query.
 *
 * @example
 * ```ts
 * import { DownloadedImage } from 'pixii-rx/node'
 * console.log(DownloadedImage.is({ adIndex: 0, file: 'ad-01.png', bytes: 74, sha256: 'ab', contentType: 'image/png', source: 'https://img.example/1.png' }))
 * // Output: true
 * ```
 */
export const DownloadedImage = t.type(
  {
    adIndex: t.number,
    file: t.string,
    bytes: t.number,
    sha256: t.string,
    contentType: t.string,
    /** The URL without its query: the signature is a credential and is never written down. */
    source: t.string,
  },
  'DownloadedImage',
)
/** See the {@link DownloadedImage} codec. */
export type DownloadedImage = t.TypeOf<typeof DownloadedImage>

/**
 * The `manifest.json` that `downloadAds` writes beside a job's images: what was asked for, what
 * is on disk (with SHA-256 checksums), what could not be downloaded and why, and what the job
 * cost. Files are named relative to the manifest. Image URLs appear without their query, so
 * without their signature.
 *
 * @example
 * ```ts
 * import { DownloadManifest } from 'pixii-rx/node'
 * const manifest: DownloadManifest = {
 *   jobId: 'job_1', jobType: 'Listing Builder', createdAt: '2026-01-01T00:00:00.000Z', completedAt: '2026-01-01T00:02:00.000Z',
 *   expiresAt: '2026-01-08T00:02:00.000Z', downloadedAt: '2026-01-01T00:03:00.000Z', credits: { charged: 20, refunded: 10 },
 *   images: [{ adIndex: 0, file: 'ad-01.png', bytes: 1234, sha256: 'ab…', contentType: 'image/png', source: 'https://img.example/1.png' }],
 *   failedImages: [],
 *   failedAds: [{ adIndex: 1, code: 'CONTENT_POLICY', message: 'Refused' }],
 * }
 * console.log(DownloadManifest.is(manifest))
 * // Output: true
 * ```
 */
export const DownloadManifest = t.type(
  {
    jobId: t.string,
    jobType: t.string,
    createdAt: t.string,
    completedAt: t.union([t.string, t.null]),
    /** `completedAt` plus 7 days: when the image URLs stop working. */
    expiresAt: t.union([t.string, t.null]),
    downloadedAt: t.string,
    credits: t.type({ charged: t.number, refunded: t.number }),
    /** Images on disk, in the job's order. */
    images: t.array(DownloadedImage),
    /** Generated images that could not be downloaded, with the `PixiiError` tag and message. */
    failedImages: t.array(t.type({ adIndex: t.number, error: t.type({ _tag: t.string, message: t.string }) })),
    /** Images Pixii failed to generate, with its error code (their credits are refunded). */
    failedAds: t.array(t.type({ adIndex: t.number, code: t.string, message: t.string })),
  },
  'DownloadManifest',
)
/** See the {@link DownloadManifest} codec. */
export type DownloadManifest = t.TypeOf<typeof DownloadManifest>
