import { isLoopbackHost } from '../http/isLoopbackHost.js'

/**
 * A URL as it may be shown: origin and path, without the query that holds a signed URL's
 * signature and expiry (a signed image URL is a credential for 7 days).
 *
 * @example
 * ```ts
 * import { shownUrl } from './imageUrl.js'
 * console.log(shownUrl(new URL('https://img.example/images/job_1/1.png?expires=1&signature=abc')))
 * // Output: https://img.example/images/job_1/1.png
 * ```
 */
export function shownUrl(url: URL): string {
  return `${url.origin}${url.pathname}`
}

/**
 * Whether an image may be fetched from `url`: over `https:`, or over plain `http:` only on this
 * machine (a local simulator), so that a signed URL never crosses a network in clear text.
 *
 * @example
 * ```ts
 * import { isAllowedImageUrl } from './imageUrl.js'
 * const check = (url: string) => isAllowedImageUrl(new URL(url))
 * console.log(check('https://img.example/1.png'), check('http://127.0.0.1:8080/1.png'), check('http://img.example/1.png'))
 * // Output: true true false
 * ```
 */
export function isAllowedImageUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))
}
