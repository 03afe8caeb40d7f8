import { NetworkError } from '../errors/NetworkError.js'
import type { PixiiError } from '../errors/PixiiError.js'
import { ValidationError } from '../errors/ValidationError.js'
import { neverConnected } from '../http/neverConnected.js'
import { scrubbedCause } from '../http/scrubbedCause.js'
import type { FetchLike } from '../http/TransportConfig.js'
import { isAllowedImageUrl, shownUrl } from './imageUrl.js'

const redirects: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])

/** What {@link fetchImage} ends with: the final answer and its URL, or a typed refusal or failure. */
export type FetchedImage = { readonly ok: true; readonly response: Response; readonly url: URL } | { readonly ok: false; readonly error: PixiiError }

function refused(url: URL, why: string): FetchedImage {
  const message = `Refused to fetch an image from ${shownUrl(url)}: ${why}`
  return { ok: false, error: new ValidationError({ message, source: 'client', issues: [{ path: 'preview_url', message: why }], context: { method: 'GET', path: url.pathname } }) }
}

/**
 * `GET` of an image URL with no credentials: no `Authorization` header and no cookie, whatever
 * the URL's host. Redirects are followed by hand, at most `maxRedirects`, and only to `https:`
 * (or `http:` on a loopback host); the first URL must satisfy the same rule. Messages and causes
 * show URLs without their query; a `Location` that does not parse is refused. Rejects only when
 * `signal` aborts.
 *
 * @example
 * ```ts
 * import { fetchImage } from './fetchImage.js'
 * const result = await fetchImage(globalThis.fetch, new URL('http://img.example/1.png?signature=abc'), 5, new AbortController().signal)
 * console.log(result.ok ? 'fetched' : result.error.message)
 * // Output: Refused to fetch an image from http://img.example/1.png: only https, or http on a loopback host, is allowed
 * ```
 */
export async function fetchImage(fetch: FetchLike, first: URL, maxRedirects: number, signal: AbortSignal): Promise<FetchedImage> {
  let url = first
  for (let hop = 0; ; hop += 1) {
    if (!isAllowedImageUrl(url)) return refused(url, 'only https, or http on a loopback host, is allowed')
    let response: Response
    try {
      response = await fetch(url.href, { method: 'GET', headers: { Accept: 'image/*' }, redirect: 'manual', credentials: 'omit', signal })
    } catch (error) {
      if (signal.aborted) throw error
      const failure = neverConnected(error) ? 'connection' : 'reset'
      const message = `Could not fetch ${shownUrl(url)} (${failure === 'connection' ? 'connection refused' : 'connection lost'})`
      return { ok: false, error: new NetworkError({ message, failure, context: { method: 'GET', path: url.pathname }, cause: scrubbedCause(error, []) }) }
    }
    const location = response.headers.get('location')
    if (!redirects.has(response.status) || location === null) return { ok: true, response, url }
    await response.body?.cancel().catch(() => undefined)
    if (hop >= maxRedirects) return refused(url, `more than ${maxRedirects} redirects`)
    if (!URL.canParse(location, url)) return refused(url, `a redirect (${response.status}) to an address that does not parse`)
    url = new URL(location, url)
  }
}
