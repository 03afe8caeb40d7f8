import { BodyTooLarge } from '../http/BodyTooLarge.js'
import { discardBody, readBodyCapped } from '../http/readBodyCapped.js'
import type { AnyProxySettings } from './normalizeProxyOptions.js'

/** The request to make to Pixii: built by the proxy from what it checked, never copied. */
export interface UpstreamRequest {
  readonly method: 'GET' | 'POST'
  /** The path and query, such as `/v1/api/jobs?asin=B0CHX1W1XY`. */
  readonly path: string
  /** A submission, already checked against its codec. */
  readonly body?: unknown
}

/** Pixii's answer, with only the headers worth relaying, or why there is none. */
export type UpstreamAnswer =
  | { readonly ok: true; readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: Uint8Array }
  | { readonly ok: false; readonly failure: UpstreamFailure }

/**
 * Why there is no answer to relay: Pixii too slow, unreachable, the browser gone, an answer over
 * {@link maxAnswerBytes}, or an answer from where a redirect led (a `fetch` option that follows
 * redirects despite `redirect: 'manual'`).
 */
export type UpstreamFailure = 'timeout' | 'unreachable' | 'aborted' | 'too-large' | 'redirected'

// The headers of Pixii's answer that a client needs; nothing else of it is passed on.
const relayed = [
  'content-type', 'retry-after',
  'x-ratelimit-limit-minute', 'x-ratelimit-remaining-minute', 'x-ratelimit-limit-day', 'x-ratelimit-remaining-day',
]

/** The largest answer read from Pixii, in bytes: Pixii's answers are small; this is the client's own default cap. */
export const maxAnswerBytes = 10 * 1024 * 1024

/**
 * Sends one request to Pixii with the server's key and nothing of the browser's request but
 * what `request` holds. Aborted when `signal` fires (the browser went away) or after
 * `requestTimeoutMs` on the settings' scheduler. Never rejects.
 *
 * @example
 * ```ts
 * import { forwardUpstream } from './forwardUpstream.js'
 * import { normalizeProxyOptions } from './normalizeProxyOptions.js'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * const settings = normalizeProxyOptions({ apiKey: simulator.testKey, allow: ['listJobs'], upstream: simulator.url })
 * const answer = await forwardUpstream(settings, { method: 'GET', path: '/v1/api/jobs?asin=B0CHX1W1XY' }, new AbortController().signal)
 * console.log(answer.ok && answer.status, answer.ok && answer.headers['content-type'])
 * await simulator.close()
 * // Output: 200 application/json; charset=utf-8
 * ```
 */
export async function forwardUpstream(settings: AnyProxySettings, request: UpstreamRequest, signal: AbortSignal): Promise<UpstreamAnswer> {
  const controller = new AbortController()
  let timedOut = false
  const timer = settings.scheduler.schedule(() => {
    timedOut = true
    controller.abort()
  }, settings.requestTimeoutMs)
  const onAbort = (): void => controller.abort()
  signal.addEventListener('abort', onAbort)
  const failed = (error?: unknown): UpstreamAnswer => ({
    ok: false,
    failure: timedOut ? 'timeout' : signal.aborted ? 'aborted' : error instanceof BodyTooLarge ? 'too-large' : 'unreachable',
  })
  try {
    const response = await settings.fetch(`${settings.upstream}${request.path}`, {
      method: request.method,
      headers: {
        authorization: `Bearer ${settings.apiKey}`,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: controller.signal,
      redirect: 'manual',
    })
    if (response.redirected) {
      await discardBody(response)
      return { ok: false, failure: 'redirected' }
    }
    const body = await readBodyCapped(response, maxAnswerBytes)
    const headers: Record<string, string> = {}
    for (const name of relayed) {
      const value = response.headers.get(name)
      if (value !== null) headers[name] = value
    }
    return { ok: true, status: response.status, headers, body }
  } catch (error) {
    return failed(error)
  } finally {
    timer.unsubscribe()
    signal.removeEventListener('abort', onAbort)
  }
}
