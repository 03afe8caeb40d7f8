// A Server-Sent Events connection as a browser's EventSource makes it, over node:http, reading
// the stream as it comes: its events and comment lines, to wait on, and its end.
import { request, type ClientRequest, type IncomingMessage } from 'node:http'
import { filter, firstValueFrom, ReplaySubject } from 'rxjs'

export interface StreamEvent {
  readonly event: string
  readonly id?: string
  readonly data: string
}

export interface EventStream {
  readonly status: number
  readonly headers: IncomingMessage['headers']
  readonly events: StreamEvent[]
  readonly comments: string[]
  /** Resolves with the n-th event (1-based) once it has come. */
  event(n: number): Promise<StreamEvent>
  /** Resolves once n comment lines have come. */
  comment(n: number): Promise<void>
  /** Resolves when the proxy ended the stream. */
  readonly ended: Promise<void>
  close(): void
}

export function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const sent: ClientRequest = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: StreamEvent[] = []
      const comments: string[] = []
      const changed = new ReplaySubject<void>(1)
      let buffer = ''
      let fields: Record<string, string> = {}
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        const lines = buffer.split('\n')
        buffer = lines.pop() ?? ''
        for (const line of lines) {
          if (line.startsWith(':')) comments.push(line.slice(1).trim())
          else if (line === '') {
            if (fields.data !== undefined) events.push({ event: fields.event ?? 'message', data: fields.data, ...(fields.id === undefined ? {} : { id: fields.id }) })
            fields = {}
          } else {
            const [name = '', value = ''] = line.split(/: ?(.*)/s)
            fields[name] = value
          }
        }
        changed.next()
      })
      const ended = new Promise<void>((done) => res.once('end', done))
      ended.catch(() => undefined)
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        event: (n) => firstValueFrom(changed.pipe(filter(() => events.length >= n))).then(() => events[n - 1] as StreamEvent),
        comment: (n) => firstValueFrom(changed.pipe(filter(() => comments.length >= n))).then(() => undefined),
        ended,
        close: () => sent.destroy(),
      })
    })
    sent.on('error', reject)
    sent.end()
  })
}
