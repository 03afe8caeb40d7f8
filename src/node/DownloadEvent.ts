import type { PixiiError } from '../errors/PixiiError.js'
import type { DownloadManifest } from './DownloadManifest.js'

/**
 * Counters across every job a `downloadAds` stream has seen so far.
 *
 * @example
 * ```ts
 * import type { DownloadProgress } from 'pixii-rx/node'
 * const bar = (p: DownloadProgress): string => `${p.done + p.failed}/${p.images} images, ${p.bytes} bytes`
 * ```
 */
export interface DownloadProgress {
  /** Images to download in the jobs seen so far. */
  readonly images: number
  /** Images on disk (written or already there). */
  readonly done: number
  /** Of `done`, those that were already on disk with the same size. */
  readonly skipped: number
  /** Images that could not be downloaded. */
  readonly failed: number
  /** Bytes written so far. */
  readonly bytes: number
}

/**
 * What `downloadAds` emits: one event per image (on disk, or failed with a typed error), then a
 * `manifest` event per job once its manifest is written. Each carries the progress so far. No
 * event holds an image URL's query (its signature).
 *
 * @example
 * ```ts
 * import type { DownloadEvent } from 'pixii-rx/node'
 * const describe = (event: DownloadEvent): string => {
 *   switch (event.kind) {
 *     case 'image': return `${event.file} (${event.skipped ? 'already there' : `${event.bytes} bytes`})`
 *     case 'image-failed': return `image ${event.adIndex + 1} of ${event.jobId}: ${event.error._tag}`
 *     case 'manifest': return `${event.file}: ${event.manifest.images.length} images`
 *   }
 * }
 * ```
 */
export type DownloadEvent =
  | {
      readonly kind: 'image'
      readonly jobId: string
      /** The image's position in the job's `output.ads` (0-based). */
      readonly adIndex: number
      /** The absolute path of the image. */
      readonly file: string
      readonly bytes: number
      readonly sha256: string
      /** `true` when the file was already there with the same size, so nothing was downloaded. */
      readonly skipped: boolean
      readonly progress: DownloadProgress
    }
  | {
      readonly kind: 'image-failed'
      readonly jobId: string
      readonly adIndex: number
      /** `ImageExpired` for an expired URL; otherwise the transport's or the disk's error. */
      readonly error: PixiiError
      readonly progress: DownloadProgress
    }
  | {
      readonly kind: 'manifest'
      readonly jobId: string
      /** The absolute path of `manifest.json`. */
      readonly file: string
      readonly manifest: DownloadManifest
      readonly progress: DownloadProgress
    }
