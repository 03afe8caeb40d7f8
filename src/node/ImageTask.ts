import type { SchedulerLike } from 'rxjs'
import type { CompletedJob } from '../codecs/Job.js'
import type { PixiiError } from '../errors/PixiiError.js'
import type { FetchLike } from '../http/TransportConfig.js'
import type { DownloadedImage } from './DownloadManifest.js'

/**
 * One image to download: where from, where to, and what an earlier run recorded of it.
 *
 * @example
 * ```ts
 * import type { ImageTask } from './ImageTask.js'
 * const describe = (task: ImageTask): string => `${task.job.id}#${task.adIndex} → ${task.folder}/${task.stem}.*`
 * ```
 */
export interface ImageTask {
  readonly job: CompletedJob
  /** The position in `output.ads`. */
  readonly adIndex: number
  /** The signed URL, parsed and known to be `http:` or `https:`: never logged, never put in an error. */
  readonly url: URL
  /** The job's folder, absolute, checked to be a direct child of the output folder. */
  readonly folder: string
  /** The file name without its extension (`ad-01`): the extension comes from the image's first bytes. */
  readonly stem: string
  /** The entry of the previous manifest for this image, if there was one. */
  readonly previous: DownloadedImage | undefined
}

/**
 * What became of one image.
 *
 * @example
 * ```ts
 * import type { ImageOutcome } from './ImageTask.js'
 * const ok = (outcome: ImageOutcome): boolean => outcome.ok
 * ```
 */
export type ImageOutcome =
  | { readonly ok: true; readonly entry: DownloadedImage; readonly skipped: boolean }
  | { readonly ok: false; readonly error: PixiiError }

/**
 * `DownloadAdsOptions` with every default applied and checked.
 *
 * @example
 * ```ts
 * import type { DownloadSettings } from './ImageTask.js'
 * const parallel = (settings: DownloadSettings): number => settings.concurrency
 * ```
 */
export interface DownloadSettings {
  readonly dir: string
  readonly concurrency: number
  readonly maxBytes: number
  readonly timeoutMs: number
  readonly maxRedirects: number
  readonly fetch: FetchLike
  readonly scheduler: SchedulerLike
}
