import type { SubmissionKind } from './validateSubmission.js'

/**
 * What a request path names, and the methods it accepts.
 *
 * @example
 * ```ts
 * import type { Route } from './routes.js'
 * const route: Route = { kind: 'job', jobId: 'job_1', methods: ['GET'] }
 * console.log(route.methods.includes('GET'))
 * // Output: true
 * ```
 */
export type Route = { readonly methods: readonly string[] } & (
  | { readonly kind: 'job'; readonly jobId: string }
  | { readonly kind: 'jobs' }
  | { readonly kind: 'submit'; readonly submission: SubmissionKind }
  | { readonly kind: 'image' }
  | { readonly kind: 'unknown' }
)

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

const SUBMISSIONS: readonly SubmissionKind[] = ['listing_builder', 'scale', 'a_plus']

/**
 * Matches a path (no query) to a route. Paths are exact: no trailing slash.
 *
 * @example
 * ```ts
 * import { matchRoute } from './routes.js'
 * console.log(JSON.stringify(matchRoute('/v1/api/scale')))
 * // Output: {"kind":"submit","submission":"scale","methods":["POST"]}
 * console.log(matchRoute('/v1/api/nothing').kind)
 * // Output: unknown
 * ```
 */
export function matchRoute(path: string): Route {
  if (path === '/v1/api/jobs') return { kind: 'jobs', methods: ['GET'] }
  const job = /^\/v1\/api\/jobs\/([^/]+)$/.exec(path)
  if (job?.[1] !== undefined) return { kind: 'job', jobId: decode(job[1]), methods: ['GET'] }
  const submission = SUBMISSIONS.find((name) => path === `/v1/api/${name}`)
  if (submission !== undefined) return { kind: 'submit', submission, methods: ['POST'] }
  if (/^\/images\/[^/]+\/[^/]+\.png$/.test(path)) return { kind: 'image', methods: ['GET'] }
  return { kind: 'unknown', methods: [] }
}
