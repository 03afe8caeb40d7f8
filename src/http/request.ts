import { Observable } from 'rxjs'
import { NetworkError } from '../errors/NetworkError.js'
import type { PixiiError } from '../errors/PixiiError.js'
import type { RequestContext } from '../errors/RequestContext.js'
import { TimeoutError } from '../errors/TimeoutError.js'
import { redactSecrets } from '../internal/redactSecrets.js'
import type { ApiRequest } from './ApiRequest.js'
import type { ApiResponse } from './ApiResponse.js'
import { serverDateOf } from './Dated.js'
import { errorFromResponse } from './errorFromResponse.js'
import { neverConnected } from './neverConnected.js'
import { parseJson } from './parseJson.js'
import { BodyTooLarge } from './BodyTooLarge.js'
import { discardBody, readBodyCapped } from './readBodyCapped.js'
import { redirectRefusal } from './redirectRefusal.js'
import { scrubbedCause } from './scrubbedCause.js'
import { secretsOf } from './secretsOf.js'
import type { TransportConfig } from './TransportConfig.js'

function pathWithQuery({ path, query = {} }: ApiRequest): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value))
  const search = params.toString()
  return search === '' ? path : `${path}?${search}`
}

function headersFor(config: TransportConfig, request: ApiRequest): Record<string, string> {
  return {
    accept: 'application/json',
    ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(config.apiKey === undefined ? {} : { authorization: `Bearer ${config.apiKey}` }),
  }
}

async function perform(
  config: TransportConfig,
  request: ApiRequest,
  context: RequestContext,
  signal: AbortSignal,
): Promise<ApiResponse> {
  const secrets = secretsOf(config)
  const where = `${context.method} ${context.path}`
  const networkError = (failure: 'connection' | 'reset', error: unknown): NetworkError => {
    const cause = scrubbedCause(error, secrets)
    const what = failure === 'connection' ? 'could not connect' : 'broke off before the answer was complete'
    return new NetworkError({ message: redactSecrets(`${where} ${what}: ${cause.message}`, secrets), failure, context, cause })
  }
  const url = `${config.baseUrl}${context.path}`
  let response: Response
  try {
    response = await config.fetch(url, {
      method: request.method,
      headers: headersFor(config, request),
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal,
      // Never followed: fetch implementations differ on when they drop Authorization on a
      // redirect (node-fetch keeps it for another port of the same host), and Pixii never redirects.
      redirect: 'manual',
    })
  } catch (error) {
    throw networkError(neverConnected(error) ? 'connection' : 'reset', error)
  }
  const redirected = redirectRefusal(response, url, context)
  if (redirected !== undefined) {
    await discardBody(response)
    throw redirected
  }
  const answered = { ...context, status: response.status }
  let bytes: Uint8Array
  try {
    bytes = await readBodyCapped(response, config.maxBodyBytes)
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw networkError('reset', error)
    const message = `${where} answered ${response.status} with a body over ${config.maxBodyBytes} bytes`
    throw new NetworkError({ message, failure: 'body-too-large', context: answered })
  }
  const parsed = parseJson(bytes, response.headers.get('content-type'))
  if (response.status < 200 || response.status > 299) {
    const body = parsed.ok ? parsed.value : undefined
    // A Retry-After date is on Pixii's clock: read it against the same answer's Date header, or
    // the client's clock corrected by the estimated offset, never the client's clock alone.
    const nowMs = serverDateOf(response.headers) ?? config.scheduler.now() + (config.serverClockOffsetMs?.() ?? 0)
    throw errorFromResponse({ status: response.status, headers: response.headers, body, context, nowMs, secrets })
  }
  if (!parsed.ok) {
    const message = `${where} answered ${response.status} but ${parsed.reason}`
    throw new NetworkError({ message, failure: 'unparseable-body', context: answered })
  }
  return { status: response.status, headers: response.headers, body: parsed.value }
}

/**
 * Makes one API request as a cold Observable: nothing is sent until subscription; unsubscribing
 * aborts the request (the server sees the connection close) and clears the timeout; the answer
 * is one {@link ApiResponse} for a 2xx with a JSON body, and every other outcome is a typed
 * {@link PixiiError} in the error channel: documented error codes, 5xx, redirects (never
 * followed, so the key reaches no other origin), bodies that are empty, HTML, truncated or too
 * large, broken connections, and the per-request timeout. With a `gate` in the config, the
 * request waits for a free slot before it is sent. A config marked `unusable` (a page's client
 * made on a server) sends nothing and errors with that `ValidationError` at subscription.
 *
 * @param config - The transport, as {@link createPixiiClient} builds it.
 * @param request - Method, path, query and body.
 * @throws In the error channel, the {@link PixiiError} the request ends with: `NetworkError`, `Timeout`
 * (deadline `request`), or the error the status maps to (`Unauthorized`, `JobNotFound`, `ValidationError`,
 * `InsufficientCredits`, `NoActiveBrand`, `RateLimited`, `ServerError`).
 *
 * @example
 * ```ts
 * import { asyncScheduler, lastValueFrom } from 'rxjs'
 * import { request$ } from './request.js'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * const config = {
 *   baseUrl: simulator.url, apiKey: simulator.testKey, fetch: globalThis.fetch,
 *   scheduler: asyncScheduler, requestTimeoutMs: 5_000, maxBodyBytes: 1_000_000,
 * }
 * const page = await lastValueFrom(request$(config, { method: 'GET', path: '/v1/api/jobs', query: { asin: 'B0CHX1W1XY' } }))
 * console.log(page.status, (page.body as { total: number }).total)
 * await simulator.close()
 * // Output: 200 0
 * ```
 */
export function request$(config: TransportConfig, request: ApiRequest): Observable<ApiResponse> {
  const { unusable } = config
  if (unusable !== undefined) return new Observable<ApiResponse>((subscriber) => subscriber.error(unusable))
  const answer$ = new Observable<ApiResponse>((subscriber) => {
    const controller = new AbortController()
    const context: RequestContext = {
      method: request.method,
      path: pathWithQuery(request),
      ...(request.jobId === undefined ? {} : { jobId: request.jobId }),
    }
    let finished = false
    const timeout = config.scheduler.schedule(() => {
      const message = `${context.method} ${context.path} took longer than ${config.requestTimeoutMs} ms`
      subscriber.error(new TimeoutError({ message, deadline: 'request', ms: config.requestTimeoutMs, context }))
    }, config.requestTimeoutMs)
    perform(config, request, context, controller.signal).then(
      (response) => {
        finished = true
        subscriber.next(response)
        subscriber.complete()
      },
      (error: PixiiError) => {
        finished = true
        // A failed request leaves no connection open: node-fetch only lets go of a body it was
        // reading half-way (one over the cap) when the request is aborted.
        controller.abort()
        subscriber.error(error)
      },
    )
    return () => {
      timeout.unsubscribe()
      if (!finished) controller.abort()
    }
  })
  // The timeout starts with the request itself, not while it waits for a slot.
  return config.gate === undefined ? answer$ : config.gate.run(answer$)
}
