import { STATUS_CODES } from 'node:http'
import type { Dispatcher, Exchange } from './dispatcher.js'
import type { Plan } from './respond.js'

/** The host used to resolve paths handed to the in-memory fetch; any host is ignored anyway. */
const PLACEHOLDER_ORIGIN = 'http://pixii-simulator.invalid'

/** The signal's reason when it is an error (as a real fetch rejects), else a plain `AbortError`. */
const abortReason = (signal: AbortSignal): Error =>
  signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError')

const networkError = (why: string): TypeError => new TypeError('fetch failed', { cause: new Error(why) })

function toRequest(input: RequestInfo | URL, init: RequestInit | undefined): Request {
  if (typeof input === 'string' && input.startsWith('/')) return new Request(PLACEHOLDER_ORIGIN + input, init)
  return new Request(input, init)
}

/** Streams `plan`'s body on demand, so that "delivered" means "read to the end by the client". */
function bodyStream(plan: Extract<Plan, { kind: 'reply' }>, exchange: Exchange, signal: AbortSignal | undefined) {
  const { body } = plan.reply
  let sent = false
  let onAbort = (): void => undefined
  const stop = (): void => signal?.removeEventListener('abort', onAbort)
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        onAbort = () => {
          exchange.aborted()
          controller.error(abortReason(signal as AbortSignal))
        }
        signal?.addEventListener('abort', onAbort, { once: true })
      },
      pull(controller) {
        if (!sent && body.byteLength > 0) {
          sent = true
          controller.enqueue(new Uint8Array(body.subarray(0, plan.cutAt ?? body.byteLength)))
          return
        }
        stop()
        if (plan.cutAt !== undefined) {
          controller.error(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }))
          return
        }
        controller.close()
        exchange.finished()
      },
      cancel() {
        // Discarding the body is not an abort (only the signal is): the entry just never finishes.
        stop()
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * A `fetch` that talks to the simulator in memory: it ignores the host and routes on the
 * path, answers real WHATWG `Response` objects, and honours `init.signal` (it rejects with the
 * signal's reason when that is an `Error`, as `abort()` gives, else with an `AbortError`
 * `DOMException`; the request is
 * logged `clientAborted` unless its body had been read to the end). A signal aborted before
 * the call rejects at once and, like a real fetch, never reaches the server.
 *
 * @example
 * ```ts
 * import { createSimulator } from 'pixii-rx/testing'
 * const sim = createSimulator()
 * const res = await sim.fetch('https://api.pixii.ai/v1/api/jobs/job_x', { headers: { Authorization: `Bearer ${sim.testKey}` } })
 * console.log(res instanceof Response, res.status, await res.text())
 * // Output: true 404 {"code":"JOB_NOT_FOUND","message":"Job not found"}
 * ```
 */
export function createMemoryFetch(dispatcher: Dispatcher): { fetch: typeof globalThis.fetch; close(): void } {
  const pending = new Set<(error: Error) => void>()
  let closed = false

  const memoryFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let request: Request
    try {
      request = toRequest(input, init)
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new TypeError(String(error)))
    }
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined) ?? undefined
    if (signal?.aborted) return Promise.reject(abortReason(signal))
    if (closed) return Promise.reject(networkError('the simulator is closed'))
    const url = new URL(request.url)
    const exchange = dispatcher.begin({
      transport: 'memory',
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.get('authorization'),
    })
    return new Promise<Response>((resolve, reject) => {
      const fail = (error: Error): void => {
        pending.delete(fail)
        signal?.removeEventListener('abort', onAbort)
        reject(error)
      }
      const onAbort = (): void => {
        exchange.aborted()
        fail(abortReason(signal as AbortSignal))
      }
      pending.add(fail)
      signal?.addEventListener('abort', onAbort, { once: true })
      request
        .text()
        .then((body) => exchange.plan(body))
        .then((plan) => {
          if (plan.kind === 'hang' || !pending.has(fail)) return
          pending.delete(fail)
          signal?.removeEventListener('abort', onAbort)
          if (plan.cutAt !== undefined) exchange.closedByServer()
          const response = new Response(bodyStream(plan, exchange, signal), {
            status: plan.reply.status,
            statusText: STATUS_CODES[plan.reply.status] ?? '',
            headers: plan.reply.headers,
          })
          Object.defineProperty(response, 'url', { value: request.url })
          resolve(response)
        }, (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))))
    })
  }

  return {
    fetch: memoryFetch,
    close() {
      closed = true
      for (const fail of [...pending]) fail(networkError('the simulator closed the connection'))
    },
  }
}
