import type { SchedulerLike } from 'rxjs'
import type { FetchLike } from '../http/TransportConfig.js'

/**
 * Options of `downloadAds`. Only `dir` is required.
 *
 * @example
 * ```ts
 * import type { DownloadAdsOptions } from 'pixii-rx/node'
 * const options: DownloadAdsOptions = { dir: 'images', concurrency: 8, maxBytes: 20 * 1024 * 1024 }
 * ```
 */
export interface DownloadAdsOptions {
  /** Where to write: each job gets `<dir>/<job id>/` with `ad-01.png`, … and `manifest.json`. Created if missing. */
  readonly dir: string
  /** Images downloaded at once, across every job of the stream. Default 4. */
  readonly concurrency?: number
  /** The largest image accepted, in bytes, enforced while streaming. Default 50 MiB. */
  readonly maxBytes?: number
  /** How long one image may take, headers and body, in milliseconds. Default 120 000. */
  readonly timeoutMs?: number
  /** Redirects followed per image, each only to `https:` (or `http:` on a loopback host). Default 5. */
  readonly maxRedirects?: number
  /** The fetch used for images (never given a key or an `Authorization` header). Default: Node's `fetch`. */
  readonly fetch?: FetchLike
  /** The clock of the 7-day rule, of the manifest's times, and of the timeouts. Default: rxjs `asyncScheduler`. */
  readonly scheduler?: SchedulerLike
}
