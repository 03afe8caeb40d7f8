import type { ValidationIssue } from '../errors/ValidationError.js'
import { keyKindOf } from '../http/KeyKind.js'
import { shownUrlOption } from '../internal/shownUrlOption.js'
import type { Runtime } from './detectRuntime.js'

/** The options that the browser rules read, as given (not yet checked). */
export interface BrowserTargetInput {
  readonly apiKey?: unknown
  /** The base URL as given, or the default one. */
  readonly baseUrl: unknown
  readonly dangerouslyAllowLiveKeyInBrowser?: unknown
}

/** What the browser rules decided; `normalizeOptions` runs its usual checks on it. */
export interface BrowserTarget {
  /** The base URL to check: a same-origin path (`/pixii`) resolved against the page's origin. */
  readonly baseUrl: unknown
  /** The base URL has the page's origin, in a browser: the page talks to its own server. */
  readonly sameOrigin: boolean
  /** Whether a missing key is an error: always, except in a browser against its own origin. */
  readonly apiKeyRequired: boolean
  /**
   * Why this client can send nothing here: it is a page's client (its base URL is a path) made
   * on a server, as server-side rendering does with the page's modules. Not an error at
   * creation: each request ends with it.
   */
  readonly offPage?: string
}

const isPath = (value: unknown): value is string => typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')

function originOf(url: unknown): string | undefined {
  return typeof url === 'string' && URL.canParse(url) ? new URL(url).origin : undefined
}

/**
 * The rules for keys and base URLs in a browser, where whatever the page holds can be read by
 * anyone who opens it:
 * - a `pk_live_` key is refused unless `dangerouslyAllowLiveKeyInBrowser: true`;
 * - `baseUrl` may be a path (`/pixii`), meaning the page's own origin;
 * - against the page's own origin (a proxy that adds the key), `apiKey` may be left out.
 *
 * Outside a browser none of this applies: a key is required, except for a page's client made on
 * a server (a path as base URL and no key, as server-side rendering runs the page's modules there), which
 * is created without error and whose every request fails, saying why (`offPage`). Problems are
 * pushed to `issues`, named by field.
 *
 * @example
 * ```ts
 * import { browserTarget } from './browserTarget.js'
 * const page = { browser: true, origin: 'https://shop.example' }
 * const issues: { path: string; message: string }[] = []
 * console.log(JSON.stringify(browserTarget({ baseUrl: '/pixii' }, page, issues)))
 * browserTarget({ apiKey: 'pk_live_abc', baseUrl: 'https://api.pixii.ai' }, page, issues)
 * console.log(issues.map((issue) => issue.path).join())
 * // Output: {"baseUrl":"https://shop.example/pixii","sameOrigin":true,"apiKeyRequired":false}
 * // Output: apiKey
 * ```
 */
export function browserTarget(given: BrowserTargetInput, runtime: Runtime, issues: ValidationIssue[]): BrowserTarget {
  const allowLive = given.dangerouslyAllowLiveKeyInBrowser
  if (allowLive !== undefined && typeof allowLive !== 'boolean') {
    issues.push({ path: 'dangerouslyAllowLiveKeyInBrowser', message: `expected a boolean, got ${typeof allowLive}` })
  }
  const { browser, origin } = runtime
  if (isPath(given.baseUrl) && !browser && given.apiKey === undefined) {
    const offPage = `got ${shownUrlOption(given.baseUrl)}, a path: the page's origin, but this client was made outside a browser (server-side rendering?)`
    return { baseUrl: 'https://api.pixii.ai', sameOrigin: false, apiKeyRequired: false, offPage }
  }
  if (isPath(given.baseUrl) && origin === undefined) {
    const where = browser ? 'a page with an http(s) origin' : 'a browser'
    issues.push({
      path: 'baseUrl',
      message: `expected an absolute URL, got ${shownUrlOption(given.baseUrl)} (a path means the page's origin: only in ${where})`,
    })
  }
  if (browser && typeof given.apiKey === 'string' && keyKindOf(given.apiKey) === 'live' && allowLive !== true) {
    issues.push({
      path: 'apiKey',
      message:
        'a pk_live_ key is refused in a browser, where anyone who opens the page can read it: keep it on your server ' +
        '(pixii-rx/proxy adds it there, and the page needs no key), or pass dangerouslyAllowLiveKeyInBrowser: true',
    })
  }
  if (!browser || origin === undefined) {
    // A path was reported above; the placeholder keeps the caller's own check from repeating it.
    return { baseUrl: isPath(given.baseUrl) ? 'https://api.pixii.ai' : given.baseUrl, sameOrigin: false, apiKeyRequired: true }
  }
  const baseUrl = isPath(given.baseUrl) ? `${origin}${given.baseUrl}` : given.baseUrl
  const sameOrigin = originOf(baseUrl) === origin
  return { baseUrl, sameOrigin, apiKeyRequired: !sameOrigin }
}
