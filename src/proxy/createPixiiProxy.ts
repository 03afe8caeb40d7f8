import type { IncomingMessage, ServerResponse } from 'node:http'
import { contentTypeRefusal } from './contentTypeRefusal.js'
import { crossSiteRefusal } from './crossSiteRefusal.js'
import { forwardUpstream, maxAnswerBytes, type UpstreamFailure } from './forwardUpstream.js'
import { normalizeProxyOptions } from './normalizeProxyOptions.js'
import type { PixiiProxyOptions } from './PixiiProxyOptions.js'
import type { ProxyEvent } from './ProxyEvent.js'
import { matchProxyRoute } from './ProxyRoute.js'
import { planUpstream } from './planUpstream.js'
import { refusalBody, type Refusal } from './Refusal.js'
import { relayedAnswer } from './relayedAnswer.js'

/**
 * A request handler for `node:http`, and a middleware for Express (`next` is called for paths
 * that are not Pixii's).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { createPixiiProxy, type PixiiProxyHandler } from 'pixii-rx/proxy'
 * const proxy: PixiiProxyHandler = createPixiiProxy({ apiKey: 'pk_test_abc', allow: ['getJob'], prefix: '/pixii' })
 * const server = createServer((req, res) => proxy(req, res, () => res.writeHead(404).end()))
 * ```
 */
export type PixiiProxyHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void

function send(res: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: Uint8Array | string): void {
  // Every answer is JSON, and says so: nosniff keeps a browser from reading one as a page.
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
  res.end(body)
}

const failures: Readonly<Record<Exclude<UpstreamFailure, 'aborted' | 'timeout'>, string>> = {
  unreachable: 'Pixii could not be reached',
  'too-large': `Pixii's answer was over ${maxAnswerBytes} bytes; the proxy withheld it`,
  redirected: "Pixii's answer came from where a redirect led, which the proxy does not follow",
}

function failureRefusal(failure: Exclude<UpstreamFailure, 'aborted'>, requestTimeoutMs: number): Refusal {
  return failure === 'timeout'
    ? { status: 504, code: 'GATEWAY_TIMEOUT', message: `Pixii did not answer within ${requestTimeoutMs} ms` }
    : { status: 502, code: 'BAD_GATEWAY', message: failures[failure] }
}

/**
 * Creates a proxy that lets a browser use Pixii without holding a key: it forwards only the
 * routes listed in `allow`, adds the server's key, and sends nothing of the browser's request
 * but what it checked (a job id, `asin`/`page`/`limit`, or a submission body that passes its
 * codec). The browser's own `Authorization`, cookies and other headers never reach Pixii. Pages
 * of other origins are refused (see `allowedOrigins`), and a submission must be sent as
 * `application/json`, so that no web page can spend the organisation's credits with a simple
 * cross-site request.
 *
 * What comes back is JSON, and never holds the key: a success body as Pixii sent it, an error in
 * Pixii's shape rebuilt with secrets redacted, any other error body (an HTML page) replaced with
 * the proxy's own, and only `Date`, `Retry-After` and the rate-limit counts of Pixii's headers.
 *
 * Answers of its own use Pixii's error shape: 403 `FORBIDDEN_ORIGIN` for a page of another
 * origin, 403 `FORBIDDEN` for a route not allowed, 405 for a wrong method, 415 for a submission
 * that is not JSON, 400 `VALIDATION_ERROR` (a repeated query parameter included), 413,
 * `UPSTREAM_ERROR` with Pixii's status for an error body that is not Pixii's shape, 502
 * `BAD_GATEWAY` when Pixii cannot be reached or its answer cannot be relayed, 504
 * `GATEWAY_TIMEOUT`. Other paths get 404, or go to Express's `next()`. When the browser goes
 * away, the request to Pixii is aborted.
 *
 * @param options - The key, the routes to `allow`, and optionally `allowedOrigins`, `upstream`, `prefix`, limits and telemetry
 * (see {@link PixiiProxyOptions}).
 * @throws `ValidationError` (source `client`) at once for an invalid option. The handler itself never
 * throws: refusals and Pixii's failures are answered to the browser in Pixii's error shape.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { createPixiiProxy } from 'pixii-rx/proxy'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator() // stands in for https://api.pixii.ai
 * const proxy = createPixiiProxy({ apiKey: simulator.liveKey, upstream: simulator.url, allow: ['getJob', 'listJobs'], prefix: '/pixii' })
 * const server = createServer(proxy).listen(0, '127.0.0.1')
 * await new Promise((resolve) => server.once('listening', resolve))
 * const { port } = server.address() as { port: number }
 * const page = await fetch(`http://127.0.0.1:${port}/pixii/v1/api/jobs?asin=B0CHX1W1XY`, { headers: { authorization: 'Bearer pk_live_stolen' } })
 * console.log(page.status, ((await page.json()) as { total: number }).total)
 * const submitted = await fetch(`http://127.0.0.1:${port}/pixii/v1/api/scale`, { method: 'POST', body: '{}' })
 * console.log(submitted.status, ((await submitted.json()) as { code: string }).code)
 * server.close()
 * await simulator.close()
 * // Output: 200 0
 * // Output: 403 FORBIDDEN
 * ```
 */
export function createPixiiProxy(options: PixiiProxyOptions): PixiiProxyHandler {
  const settings = normalizeProxyOptions(options)
  let seq = 0
  return (req, res, next) => {
    const receivedAt = settings.scheduler.now()
    const method = req.method ?? 'GET'
    // The path exactly as sent (origin-form), not resolved as a URL would be: a dot segment or an
    // escaped slash then matches no route, or fails the job id check, instead of being rewritten.
    const target = req.url ?? '/'
    const [path = '/', query = ''] = target.startsWith('/') ? target.split(/\?(.*)/s) : ['']
    const search = new URLSearchParams(query)
    const { prefix } = settings
    const event: { -readonly [K in keyof ProxyEvent]: ProxyEvent[K] } = {
      seq: ++seq, receivedAt, ms: 0, method, path, outcome: 'refused',
    }
    const done = (outcome: ProxyEvent['outcome'], status?: number): void => {
      Object.assign(event, { outcome, ms: settings.scheduler.now() - receivedAt }, status === undefined ? {} : { status })
      settings.onRequest(event)
    }
    const refuse = (refusal: Refusal, outcome: ProxyEvent['outcome'] = 'refused'): void => {
      send(res, refusal.status, refusal.headers ?? {}, refusalBody(refusal))
      done(outcome, refusal.status)
    }
    // Refused before its body is read: the connection closes rather than read what is left.
    const refuseUnread = (refusal: Refusal): void =>
      refuse(method === 'POST' && !req.readableEnded ? { ...refusal, headers: { ...refusal.headers, connection: 'close' } } : refusal)
    const inPrefix = path === prefix || path.startsWith(`${prefix}/`)
    const match = inPrefix ? matchProxyRoute(method, path.slice(prefix.length)) : { kind: 'unknown' as const }
    if (match.kind === 'unknown') {
      if (next !== undefined) {
        done('passed-on')
        next()
        return
      }
      refuse({ status: 404, code: 'NOT_FOUND', message: `${method} ${path} is not a Pixii job endpoint` })
      return
    }
    event.route = match.route
    const crossSite = crossSiteRefusal(settings.allowedOrigins, req.headers)
    if (crossSite !== undefined) return refuseUnread(crossSite)
    if (match.kind === 'wrong-method') {
      return refuseUnread({ status: 405, code: 'METHOD_NOT_ALLOWED', message: `${match.route} takes ${match.allow}`, headers: { allow: match.allow } })
    }
    if (!settings.allow.has(match.route)) {
      return refuseUnread({ status: 403, code: 'FORBIDDEN', message: `${match.route} is not enabled on this proxy` })
    }
    const notJson = method === 'POST' ? contentTypeRefusal(req.headers['content-type']) : undefined
    if (notJson !== undefined) return refuseUnread(notJson)
    const browserGone = new AbortController()
    res.once('close', () => {
      if (!res.writableFinished) browserGone.abort()
    })
    void (async () => {
      const planned = await planUpstream(settings, req, match.route, match.jobId, search)
      if ('status' in planned) return refuse(planned)
      if (planned.jobId !== undefined) event.jobId = planned.jobId
      const answer = await forwardUpstream(settings, planned.request, browserGone.signal)
      if (answer.ok) {
        const relayed = relayedAnswer(settings.apiKey, answer)
        send(res, relayed.status, relayed.headers, relayed.body)
        done(relayed.relayed ? 'forwarded' : 'upstream-failed', relayed.status)
      } else if (answer.failure === 'aborted') {
        done('client-gone')
      } else {
        refuse(failureRefusal(answer.failure, settings.requestTimeoutMs), 'upstream-failed')
      }
    })().catch(() => {
      // A body cut short because the browser went away, or a fault of the proxy's own: never
      // leave the browser hanging.
      if (browserGone.signal.aborted || req.destroyed) return done('client-gone')
      if (res.headersSent) res.destroy()
      else send(res, 500, {}, JSON.stringify({ code: 'PROXY_ERROR', message: 'internal proxy error' }))
      done('refused', 500)
    })
  }
}
