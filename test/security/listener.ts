// A plain node:http server on a chosen loopback address that records what reaches it, for tests
// that prove what never leaves the client (a key after a redirect, the rest of a huge body).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as it arrived. */
export interface Arrived {
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
}

/** A running listener. */
export interface Listener {
  readonly url: string
  readonly arrived: readonly Arrived[]
  close(): Promise<void>
}

/** Starts a listener on `host` (port 0) that records each request, then lets `answer` reply (200 `{}` by default). */
export async function listen(
  host: string,
  answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('{}'),
): Promise<Listener> {
  const arrived: Arrived[] = []
  const server = createServer((req, res) => {
    arrived.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    answer(req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => resolve())
  })
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    arrived,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
