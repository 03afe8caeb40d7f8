import { DecodeError } from '../errors/DecodeError.js'

/** A job's `preview_url` parsed, or why it cannot be downloaded from. */
export type PreviewUrl = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly error: DecodeError }

/**
 * Parses image `adIndex`'s `preview_url` of job `jobId`: an absolute `http:` or `https:` URL, or
 * a `DecodeError` naming `output/ads/<n>/preview_url`. The error never holds the URL itself
 * (its query is a signature), only its scheme when it has one.
 *
 * @example
 * ```ts
 * import { previewUrl } from './previewUrl.js'
 * const good = previewUrl('https://img.example/1.png?signature=abc', 'job_1', 0)
 * console.log(good.ok && good.url.pathname)
 * for (const raw of ['http://[::1', 'javascript:alert(1)']) {
 *   const bad = previewUrl(raw, 'job_1', 1)
 *   if (!bad.ok) console.log(bad.error.message)
 * }
 * // Output: /1.png
 * // Output: Image 2 of job job_1 cannot be downloaded: output/ads/1/preview_url does not parse as a URL
 * // Output: Image 2 of job job_1 cannot be downloaded: output/ads/1/preview_url has the scheme "javascript:", not http or https
 * ```
 */
export function previewUrl(raw: string, jobId: string, adIndex: number): PreviewUrl {
  const url = typeof raw === 'string' && URL.canParse(raw) ? new URL(raw) : undefined
  if (url !== undefined && (url.protocol === 'https:' || url.protocol === 'http:')) return { ok: true, url }
  const path = `output/ads/${adIndex}/preview_url`
  const why = url === undefined ? 'does not parse as a URL' : `has the scheme ${JSON.stringify(url.protocol)}, not http or https`
  const error = new DecodeError({
    message: `Image ${adIndex + 1} of job ${jobId} cannot be downloaded: ${path} ${why}`,
    issues: [{ path, expected: 'an http or https URL', actual: url === undefined ? '(not a URL)' : `${url.protocol}…` }],
    context: { jobId },
  })
  return { ok: false, error }
}
