// A small HTTP server of our own on loopback that answers as a hostile or broken Pixii would:
// every test gives it a `route` that decides each answer (a job about another id, a listing that
// never ends, a body that echoes the Authorization header, a preview_url that does not parse).
// The simulator is faithful and polite; this one is neither. It records every request, so a test
// can count what the client sent and see that nothing was sent after it stopped.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { completedJob } from './samples.js'

/** One request as it arrived, with its body read in full. */
export interface HostileRequest {
  readonly method: string
  /** The path and query exactly as sent. */
  readonly target: string
  /** The path and query parsed against the server's origin. */
  readonly url: URL
  readonly headers: IncomingHttpHeaders
  readonly body: string
  /** 1 for the first request the server saw. */
  readonly seq: number
}

/** An answer: a status, headers and a body (JSON-encoded when it is not a string or bytes). */
export interface HostileAnswer {
  readonly status?: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: unknown
}

/**
 * What the server does with a request: an answer, or a function that writes to `res` itself (to
 * stall, reset or trickle). Returning `undefined` answers 404 in Pixii's error shape.
 */
export type HostileRoute = (
  request: HostileRequest,
  server: HostileServer,
) => HostileAnswer | ((res: ServerResponse) => void) | undefined | Promise<HostileAnswer | ((res: ServerResponse) => void) | undefined>

/** A running hostile server. */
export interface HostileServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string
  /** Every request so far, in arrival order. */
  readonly requests: readonly HostileRequest[]
  /** Requests whose path starts with `prefix` (all of them without one). */
  count(prefix?: string): number
  /** Resolves once `n` requests have arrived (at once if they already have). */
  untilRequests(n: number): Promise<void>
  close(): Promise<void>
}

/** The answer to a route that has nothing to say: 404 in Pixii's error shape. */
export const notFound: HostileAnswer = { status: 404, body: { code: 'JOB_NOT_FOUND', message: 'not found' } }

/** A well-formed job as Pixii sends it (a completed one by default), with `fields` laid over it. */
export function jobBody(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...completedJob, ...fields }
}

/** A well-formed listing page, with `fields` laid over it. */
export function pageBody(fields: { data?: unknown[]; total?: number; page?: number; limit?: number } = {}): Record<string, unknown> {
  return { data: [], total: 0, page: 1, limit: 20, ...fields }
}

/** A job summary as a listing holds it. */
export function summaryBody(id: string, status = 'pending', created_at = '2026-01-01T00:00:00.000Z'): Record<string, unknown> {
  return { id, job_type: 'Listing Builder', status, created_at }
}

function write(res: ServerResponse, answer: HostileAnswer): void {
  const { status = 200, headers = {}, body } = answer
  const bytes =
    body === undefined ? '' : typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body)
  const type = typeof body === 'string' || body instanceof Uint8Array ? {} : { 'content-type': 'application/json' }
  res.writeHead(status, { ...type, ...headers })
  res.end(bytes)
}

/** Starts a hostile server on 127.0.0.1 (port 0) that answers every request through `route`. */
export async function startHostileServer(route: HostileRoute): Promise<HostileServer> {
  const requests: HostileRequest[] = []
  const waiters: Array<{ n: number; resolve: () => void }> = []
  let origin = ''
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const target = req.url ?? '/'
      const request: HostileRequest = {
        method: req.method ?? 'GET',
        target,
        url: new URL(target, origin),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        seq: requests.length + 1,
      }
      requests.push(request)
      for (const waiter of waiters.filter((w) => requests.length >= w.n)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
      Promise.resolve(route(request, self)).then(
        (answer) => {
          if (res.destroyed) return
          if (typeof answer === 'function') answer(res)
          else write(res, answer ?? notFound)
        },
        () => res.destroy(),
      )
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const self: HostileServer = {
    url: origin,
    requests,
    count: (prefix) => (prefix === undefined ? requests.length : requests.filter((r) => r.url.pathname.startsWith(prefix)).length),
    untilRequests: (n) =>
      requests.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
  return self
}
