// Serves a handler on 127.0.0.1 and collects the proxy's events, for the proxy tests.
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { filter, firstValueFrom, ReplaySubject } from 'rxjs'
import type { ProxyEvent } from '../../src/proxy/index.js'

export interface Served {
  readonly url: string
  close(): Promise<void>
}

export async function serve(listener: RequestListener): Promise<Served> {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** The proxy's `onRequest` events, to wait on. */
export function eventLog(): { readonly onRequest: (event: ProxyEvent) => void; readonly events: ProxyEvent[]; seq(n: number): Promise<ProxyEvent> } {
  const events: ProxyEvent[] = []
  const subject = new ReplaySubject<ProxyEvent>()
  return {
    events,
    onRequest: (event) => {
      events.push(event)
      subject.next(event)
    },
    seq: (n) => firstValueFrom(subject.pipe(filter((event) => event.seq === n))),
  }
}
