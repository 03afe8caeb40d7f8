import { Observable } from 'rxjs'
import { Job } from '../codecs/Job.js'
import type { TransportConfig } from '../http/TransportConfig.js'
import { PushGaveWay } from './PushGaveWay.js'

/**
 * The bytes of a body as they come: a page's fetch gives a web stream (read with a reader, as not
 * every browser iterates one), cross-fetch in Node a Node stream, which iterates.
 */
async function* chunksOf(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if ('getReader' in body) {
    const reader = body.getReader()
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value
  } else yield* body
}

/**
 * A job's transitions from a `pixii-rx/proxy` stream (`GET {baseUrl}/v1/api/jobs/{id}/events`),
 * read with `fetch` so that it runs in browsers and Node alike and can send headers (the key, a
 * job token) that `EventSource` cannot. Emits each `job` event that decodes as this job. Errors
 * with {@link PushGaveWay} when the answer is not an event stream (404, 405: not offered), and
 * when the stream fails, ends, or says `problem` before its consumer has stopped: polling takes
 * over and reports what is wrong as a typed error. Headers must come within the request timeout;
 * unsubscribing aborts the request. A client marked unusable (made on a server for a page) opens
 * no stream.
 */
export function jobEventStream$(config: TransportConfig, id: string, token: string | undefined): Observable<Job> {
  return new Observable<Job>((subscriber) => {
    const controller = new AbortController()
    const giveWay = (offered: boolean): void => subscriber.error(new PushGaveWay(offered))
    // A page's client made on a server sends nothing: polling then ends with its typed error.
    if (config.unusable !== undefined) return giveWay(true)
    const timer = config.scheduler.schedule(() => controller.abort(), config.requestTimeoutMs)
    const headers: Record<string, string> = { accept: 'text/event-stream' }
    if (config.apiKey !== undefined) headers.authorization = `Bearer ${config.apiKey}`
    if (token !== undefined) headers['x-pixii-job-token'] = token
    const read = async (): Promise<void> => {
      const response = await config.fetch(`${config.baseUrl}/v1/api/jobs/${encodeURIComponent(id)}/events`, { headers, signal: controller.signal, redirect: 'error' })
      timer.unsubscribe()
      const { status, body } = response
      if (status !== 200 || !/^text\/event-stream/i.test(response.headers.get('content-type') ?? '') || body === null) {
        void body?.cancel().catch(() => undefined)
        return giveWay(status !== 404 && status !== 405)
      }
      const decoder = new TextDecoder()
      let rest = ''
      let event = ''
      let data = ''
      for await (const chunk of chunksOf(body)) {
        const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n')
        rest = lines.pop() ?? ''
        for (const raw of lines) {
          const line = raw.replace(/\r$/, '')
          if (line.startsWith('event:')) event = line.slice(6).trim()
          else if (line.startsWith('data:')) data += line.slice(line.startsWith('data: ') ? 6 : 5)
          else if (line === '') {
            if (event === 'problem') return giveWay(true)
            const decoded = event === 'job' ? Job.decode(JSON.parse(data)) : undefined
            if (decoded?._tag === 'Left' || (decoded !== undefined && decoded.right.id !== id)) return giveWay(true)
            if (decoded !== undefined) subscriber.next(decoded.right)
            event = data = ''
          }
        }
      }
      giveWay(true)
    }
    read().catch(() => giveWay(true))
    return () => {
      timer.unsubscribe()
      controller.abort()
    }
  })
}
