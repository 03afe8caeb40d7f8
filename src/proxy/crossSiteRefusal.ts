import type { IncomingHttpHeaders } from 'node:http'
import type { AllowedOrigins } from './checkAllowedOrigins.js'
import type { Refusal } from './Refusal.js'

// What a browser says of a request sent by a page of another site (Fetch Metadata).
const otherSite: ReadonlySet<string> = new Set(['cross-site', 'same-site'])

const shown = (value: string): string => JSON.stringify(value.slice(0, 100))

function namesHost(origin: URL, host: string | undefined): boolean {
  if (host === undefined || !URL.canParse(`${origin.protocol}//${host}`)) return false
  // Host as the URL parser reads it: lower case, a default port left out, as in an Origin.
  return new URL(`${origin.protocol}//${host}`).host === origin.host
}

/**
 * The refusal for a request that a page of another origin made, or `undefined` for one the
 * proxy may serve. Browsers send `Origin` with every cross-origin request (simple `text/plain`
 * POSTs included, which need no preflight) and with every same-origin POST; a request without
 * one comes from no page (a server, a script, the address bar), unless `Sec-Fetch-Site` says
 * another site sent it (an `<img>` or `<script>` GET). An `Origin` is served when it is listed,
 * or when `sameOrigin` is on and it names the request's own `Host` (the scheme is not compared:
 * a TLS terminator in front of the proxy sends plain http). `Origin: null` (a sandboxed frame, a
 * file) is never served.
 *
 * @example
 * ```ts
 * import { crossSiteRefusal } from './crossSiteRefusal.js'
 * import { sameOriginOnly } from './checkAllowedOrigins.js'
 * const host = 'shop.example'
 * console.log(crossSiteRefusal(sameOriginOnly, { host, origin: 'https://shop.example' }))
 * console.log(crossSiteRefusal(sameOriginOnly, { host }))
 * console.log(crossSiteRefusal(sameOriginOnly, { host, origin: 'https://evil.example' })?.code)
 * console.log(crossSiteRefusal(sameOriginOnly, { host, 'sec-fetch-site': 'cross-site' })?.status)
 * // Output: undefined
 * // Output: undefined
 * // Output: FORBIDDEN_ORIGIN
 * // Output: 403
 * ```
 */
export function crossSiteRefusal(allowed: AllowedOrigins, headers: IncomingHttpHeaders): Refusal | undefined {
  const { origin, host } = headers
  const site = headers['sec-fetch-site']?.toLowerCase()
  const fromOtherSite = site !== undefined && otherSite.has(site)
  const refuse = (why: string): Refusal => ({ status: 403, code: 'FORBIDDEN_ORIGIN', message: `${why}: this proxy serves only its own pages and allowedOrigins` })
  if (origin === undefined) return fromOtherSite ? refuse(`A ${site} request without Origin is refused`) : undefined
  if (allowed.origins.has(origin)) return undefined
  const url = URL.canParse(origin) ? new URL(origin) : undefined
  // Only an exact serialised origin counts: `null`, a path or two origins joined by Node are refused.
  const sameOrigin = allowed.sameOrigin && url !== undefined && url.origin === origin && !fromOtherSite && namesHost(url, host)
  if (sameOrigin) return undefined
  return refuse(`A request from Origin ${shown(origin)} to Host ${shown(host ?? '')} is refused`)
}
