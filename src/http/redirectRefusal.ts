import type { RequestContext } from '../errors/RequestContext.js'
import { ServerError } from '../errors/ServerError.js'

/** What {@link redirectRefusal} needs of an answer: a `Response`, or the part of one it reads. */
export type MaybeRedirect = Pick<Response, 'status' | 'type'> & { readonly headers: Pick<Headers, 'get'> }

function targetOf(location: string | null, requestUrl: string): string {
  if (location === null) return 'no Location'
  if (!URL.canParse(location, requestUrl)) return 'a Location that is not a URL'
  // The origin only: a redirect's path and query may carry tokens or signatures.
  return new URL(location, requestUrl).origin
}

/**
 * The error for an answer that is a redirect (a 3xx, or a browser's opaque redirect of status
 * 0), or `undefined` for any other answer. The Pixii API never redirects, and the transport asks
 * fetch not to follow (`redirect: 'manual'`) so that the `Authorization` header can only ever
 * reach the configured origin: a redirect is a non-retryable `ServerError` whose message names
 * the origin it pointed to, never its path or query.
 *
 * @example
 * ```ts
 * import { redirectRefusal } from './redirectRefusal.js'
 * const answer = new Response(null, { status: 302, headers: { location: 'http://127.0.0.2:8080/steal?token=abc' } })
 * const error = redirectRefusal(answer, 'https://api.pixii.ai/v1/api/jobs/job_1', { method: 'GET', path: '/v1/api/jobs/job_1' })
 * console.log(error?._tag, error?.retryable, error?.context.status)
 * console.log(error?.message)
 * // Output: Server false 302
 * // Output: GET /v1/api/jobs/job_1 answered 302, a redirect to http://127.0.0.2:8080, which pixii-rx does not follow (the key only goes to the configured API)
 * ```
 */
export function redirectRefusal(response: MaybeRedirect, requestUrl: string, context: RequestContext): ServerError | undefined {
  const opaque = response.type === 'opaqueredirect'
  if (!opaque && (response.status < 300 || response.status > 399)) return undefined
  const target = opaque ? 'a location the browser hides' : targetOf(response.headers.get('location'), requestUrl)
  const where = `${context.method ?? ''} ${context.path ?? ''}`.trim()
  const message = `${where} answered ${response.status}, a redirect to ${target}, which pixii-rx does not follow (the key only goes to the configured API)`
  return new ServerError({ message, context: { ...context, status: response.status } })
}
