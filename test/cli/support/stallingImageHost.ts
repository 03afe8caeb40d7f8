// An image host on 127.0.0.1 in front of the simulator's: it forwards each image request, and
// while `stalling` is on it sends the headers (with the full Content-Length) and half of the
// body, then holds the connection open, as a host would in the middle of a transfer.
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StallingImageHost {
  readonly url: string
  /** Where image requests are forwarded (the simulator's URL). */
  target: string
  stalling: boolean
  /** Resolves once `count` responses are stalled mid-body. */
  stalled(count: number): Promise<void>
  close(): Promise<void>
}

export async function stallingImageHost(): Promise<StallingImageHost> {
  const held = new Set<ServerResponse>()
  const waiters: Array<{ count: number; resolve: () => void }> = []
  let stalledCount = 0
  const host: StallingImageHost = {
    url: '',
    target: '',
    stalling: true,
    stalled: (count) => new Promise((resolve) => (stalledCount >= count ? resolve() : waiters.push({ count, resolve }))),
    close: () =>
      new Promise((resolve) => {
        for (const res of held) res.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
  const server = createServer((req, res) => {
    void (async () => {
      const upstream = await fetch(`${host.target}${req.url ?? '/'}`)
      const body = Buffer.from(await upstream.arrayBuffer())
      const headers = { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream', 'content-length': String(body.length) }
      res.writeHead(upstream.status, headers)
      if (!host.stalling || upstream.status !== 200) return res.end(body)
      held.add(res)
      res.write(body.subarray(0, body.length / 2), () => {
        stalledCount += 1
        for (const waiter of waiters.filter((w) => w.count <= stalledCount)) waiter.resolve()
      })
    })().catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return Object.assign(host, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })
}
