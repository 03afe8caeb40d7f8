// A stand-in for Pixii that records exactly what reached it (method, URL, every header, body)
// and answers as told, so tests can prove what the proxy forwards and what it never does.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { filter, firstValueFrom, ReplaySubject } from 'rxjs'

export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
  /** Resolves when the proxy closed this request before the answer was sent. */
  readonly closedEarly: Promise<void>
}

export type Answer = (recorded: Recorded, res: ServerResponse) => void

export interface RecordingUpstream {
  readonly url: string
  readonly requests: readonly Recorded[]
  /** The n-th request (1-based) once it has arrived. */
  nth(n: number): Promise<Recorded>
  answer(answer: Answer): void
  close(): Promise<void>
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (_recorded, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }

export async function startRecordingUpstream(): Promise<RecordingUpstream> {
  const requests: Recorded[] = []
  const arrived = new ReplaySubject<Recorded>()
  let answer: Answer = json(200, { ok: true })
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const closedEarly = new Promise<void>((resolve) => res.once('close', () => (res.writableFinished ? undefined : resolve())))
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString(), closedEarly }
      requests.push(recorded)
      arrived.next(recorded)
      answer(recorded, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    nth: (n) => firstValueFrom(arrived.pipe(filter(() => requests.length >= n))).then(() => requests[n - 1] as Recorded),
    answer: (next) => (answer = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
