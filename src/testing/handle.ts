import type { Model } from './model.js'
import { getJob, listJobs } from './readJobs.js'
import { errorReply, type Reply } from './reply.js'
import type { Route } from './routes.js'
import { serveImage } from './serveImage.js'
import { submit } from './submit.js'

/**
 * A request reduced to what the server looks at.
 *
 * @example
 * ```ts
 * import type { IncomingRequest } from './handle.js'
 * const req: IncomingRequest = { method: 'GET', path: '/v1/api/jobs', query: { asin: 'B000000001' }, authorization: 'Bearer pk_test_x', body: '' }
 * ```
 */
export interface IncomingRequest {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly authorization: string | null
  readonly body: string
}

/**
 * Answers one request at model time `at`, without faults (except `stale`, which changes what
 * a job read shows). Checks run in this order: unknown path (404 `NOT_FOUND`), wrong method
 * (405 `METHOD_NOT_ALLOWED` with `Allow`), key (401 `UNAUTHORIZED`), then the endpoint.
 * Image paths need no key.
 *
 * @example
 * ```ts
 * import { handle } from './handle.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * import { matchRoute } from './routes.js'
 * const model = createModel(resolveOptions())
 * const req = { method: 'GET', path: '/v1/api/jobs/job_1', query: {}, authorization: null, body: '' }
 * console.log(handle(model, matchRoute(req.path), req, 0, false).status)
 * // Output: 401
 * ```
 */
export function handle(model: Model, route: Route, req: IncomingRequest, at: number, stale: boolean): Reply {
  if (route.kind === 'unknown') return errorReply(404, 'NOT_FOUND', `No such endpoint: ${req.path}`)
  if (!route.methods.includes(req.method.toUpperCase())) {
    return errorReply(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}`, {}, { Allow: route.methods.join(', ') })
  }
  if (route.kind === 'image') return serveImage(model, req.path, req.query, at)
  const key = model.authenticate(req.authorization)
  if (key === undefined) return errorReply(401, 'UNAUTHORIZED', 'Missing or invalid API key')
  switch (route.kind) {
    case 'job':
      return getJob(model, key, route.jobId, at, stale)
    case 'jobs':
      return listJobs(model, key, req.query, at, stale)
    case 'submit':
      return submit(model, key, route.submission, req.body, at)
  }
}
