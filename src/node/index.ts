/**
 * `pixii-rx/node`: Node streams, async iterators, NDJSON and image downloads on top of the
 * Observables of `pixii-rx`. Node only (it uses `node:stream` and `node:fs`); loads nothing
 * beyond `pixii-rx`'s own dependencies. This file only re-exports.
 *
 * @example
 * ```ts
 * import { downloadAds, toReadable, toAsyncIterable, toNdjson, jobEvents } from 'pixii-rx/node'
 * ```
 * @module pixii-rx/node
 */
export type { Demand } from './Demand.js'
export type { DownloadAdsOptions } from './DownloadAdsOptions.js'
export { downloadAds } from './downloadAds.js'
export type { DownloadEvent, DownloadProgress } from './DownloadEvent.js'
export { DownloadedImage, DownloadManifest } from './DownloadManifest.js'
export type { JobLogLine } from './JobLogLine.js'
export { jobEvents } from './jobEvents.js'
export { toAsyncIterable } from './toAsyncIterable.js'
export { toNdjson } from './toNdjson.js'
export { toReadable } from './toReadable.js'
export { defaultReadableOptions, type ToReadableOptions } from './ToReadableOptions.js'
