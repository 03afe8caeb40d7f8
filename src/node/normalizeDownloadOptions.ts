import { asyncScheduler } from 'rxjs'
import { ValidationError, type ValidationIssue } from '../errors/ValidationError.js'
import type { DownloadAdsOptions } from './DownloadAdsOptions.js'
import type { DownloadSettings } from './ImageTask.js'

const defaults = { concurrency: 4, maxBytes: 50 * 1024 * 1024, timeoutMs: 120_000, maxRedirects: 5 } as const

function wholeAtLeast(issues: ValidationIssue[], path: string, value: number, min: number): void {
  if (!(Number.isInteger(value) && value >= min)) issues.push({ path, message: `expected an integer ≥ ${min}, got ${value}` })
}

/**
 * Applies the defaults of `downloadAds` and checks every option once, throwing a
 * `ValidationError` that names each bad field.
 *
 * @example
 * ```ts
 * import { normalizeDownloadOptions } from './normalizeDownloadOptions.js'
 * const { concurrency, maxBytes } = normalizeDownloadOptions({ dir: 'images' })
 * console.log(concurrency, maxBytes)
 * try {
 *   normalizeDownloadOptions({ dir: '', concurrency: 0 })
 * } catch (error) {
 *   console.log((error as Error).message)
 * }
 * // Output: 4 52428800
 * // Output: downloadAds: dir: expected a folder name, got ""; concurrency: expected an integer ≥ 1, got 0
 * ```
 */
export function normalizeDownloadOptions(options: DownloadAdsOptions): DownloadSettings {
  const settings: DownloadSettings = {
    dir: options.dir,
    concurrency: options.concurrency ?? defaults.concurrency,
    maxBytes: options.maxBytes ?? defaults.maxBytes,
    timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
    maxRedirects: options.maxRedirects ?? defaults.maxRedirects,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    scheduler: options.scheduler ?? asyncScheduler,
  }
  const issues: ValidationIssue[] = []
  if (typeof settings.dir !== 'string' || settings.dir === '') issues.push({ path: 'dir', message: `expected a folder name, got ${JSON.stringify(settings.dir)}` })
  wholeAtLeast(issues, 'concurrency', settings.concurrency, 1)
  wholeAtLeast(issues, 'maxBytes', settings.maxBytes, 1)
  wholeAtLeast(issues, 'timeoutMs', settings.timeoutMs, 1)
  wholeAtLeast(issues, 'maxRedirects', settings.maxRedirects, 0)
  if (issues.length > 0) {
    throw new ValidationError({ message: `downloadAds: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, source: 'client', issues })
  }
  return settings
}
