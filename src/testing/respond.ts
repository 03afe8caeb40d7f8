import type { Fault } from './faults.js'
import { handle, type IncomingRequest } from './handle.js'
import type { Model } from './model.js'
import { misdirectedJob } from './readJobs.js'
import { errorReply, rawReply, type Reply } from './reply.js'
import type { Route } from './routes.js'

/**
 * What a transport must do: send `reply` (when `cutAt` is set: its headers, its first `cutAt`
 * bytes, then drop the connection), or never answer (`hang`).
 *
 * @example
 * ```ts
 * import type { Plan } from './respond.js'
 * const hang: Plan = { kind: 'hang' }
 * console.log(hang.kind)
 * // Output: hang
 * ```
 */
export type Plan = { readonly kind: 'reply'; readonly reply: Reply; readonly cutAt?: number } | { readonly kind: 'hang' }

const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

const jsonOk = (body: Uint8Array): Reply => rawReply(200, 'application/json; charset=utf-8', body)

/**
 * Answers a request at model time `at`, with `fault` (if any) applied; see `Fault` for what
 * each kind does and which ones let the model process the request.
 *
 * @example
 * ```ts
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * import { respond } from './respond.js'
 * import { matchRoute } from './routes.js'
 * const model = createModel(resolveOptions())
 * const req = { method: 'GET', path: '/v1/api/jobs', query: {}, authorization: null, body: '' }
 * const plan = respond(model, matchRoute(req.path), req, { kind: 'status', status: 503 }, 0)
 * if (plan.kind === 'reply') console.log(plan.reply.status, Buffer.from(plan.reply.body).toString())
 * // Output: 503 {"code":"SERVICE_UNAVAILABLE","message":"The service is temporarily unavailable"}
 * ```
 */
export function respond(model: Model, route: Route, req: IncomingRequest, fault: Fault | undefined, at: number): Plan {
  switch (fault?.kind) {
    case 'hang':
      return { kind: 'hang' }
    case 'status': {
      const unavailable = fault.status === 503
      const reply = unavailable
        ? errorReply(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable')
        : errorReply(fault.status, 'INTERNAL_ERROR', 'Internal server error')
      return { kind: 'reply', reply }
    }
    case 'html':
      return { kind: 'reply', reply: rawReply(502, 'text/html', BAD_GATEWAY_PAGE) }
    case 'redirect':
      return { kind: 'reply', reply: rawReply(fault.status ?? 302, 'text/plain', '', { Location: fault.location }) }
    case 'rate-limit': {
      const seconds = fault.retryAfter === 'http-date' ? (fault.seconds ?? 5) : fault.retryAfter
      const header = fault.retryAfter === 'http-date' ? new Date(at + seconds * 1000).toUTCString() : String(seconds)
      const reply = errorReply(429, 'RATE_LIMIT_MINUTE_EXCEEDED', 'Too many requests', { retry_after: seconds }, { 'Retry-After': header })
      return { kind: 'reply', reply }
    }
    default:
      break
  }
  const reply = handle(model, route, req, at, fault?.kind === 'stale')
  switch (fault?.kind) {
    case 'reset':
      return { kind: 'reply', reply: { ...reply, status: 200 }, cutAt: Math.floor(reply.body.byteLength / 2) }
    case 'malformed-json':
      return { kind: 'reply', reply: jsonOk(reply.body.subarray(0, Math.max(1, Math.floor(reply.body.byteLength / 2)))) }
    case 'empty':
      return { kind: 'reply', reply: jsonOk(new Uint8Array(0)) }
    case 'misdirected': {
      const key = model.authenticate(req.authorization)
      const other = reply.status === 200 && route.kind === 'job' && key !== undefined ? misdirectedJob(model, key, route.jobId, at) : reply
      return { kind: 'reply', reply: other }
    }
    default:
      return { kind: 'reply', reply }
  }
}
