import crossFetch from 'cross-fetch'
import { Agent, get } from 'node:http'
import type { PollWorkload } from './pollWorkload.js'

/** How a raw loop does one GET: the body parsed with `JSON.parse`, or a rejection. */
interface Getter {
  readonly getJson: (url: string) => Promise<unknown>
  readonly close: () => void
}

/** node:http with a keep-alive agent: the cheapest GET Node has. */
function nodeHttpGetter(cap: number, headers: Record<string, string>): Getter {
  const agent = new Agent({ keepAlive: true, maxSockets: cap })
  const getJson = (url: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      get(url, { agent, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`HTTP ${res.statusCode}`))))
        res.on('error', reject)
      }).on('error', reject)
    })
  return { getJson, close: () => agent.destroy() }
}

/** cross-fetch (node-fetch 2 in Node) on Node's keep-alive global agent: what pixii-rx's default fetch is built on. */
function crossFetchGetter(headers: Record<string, string>): Getter {
  const getJson = async (url: string): Promise<unknown> => {
    const res = await crossFetch(url, { headers })
    const text = await res.text()
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`)
    return JSON.parse(text) as unknown
  }
  return { getJson, close: () => undefined }
}

/**
 * A baseline of benchmark 2: `cap` loops doing the same `GET /v1/api/jobs/{id}` as the client,
 * round-robin over `ids`, with `JSON.parse` only: no decoding, no schedule, no Observable. `via`
 * picks the HTTP client: node:http itself, or cross-fetch, which pixii-rx's default fetch uses.
 */
export function startRawLoop(
  server: { url: string; key: string; ids: readonly string[] },
  cap: number,
  via: 'node:http' | 'cross-fetch',
): PollWorkload {
  const headers = { accept: 'application/json', authorization: `Bearer ${server.key}` }
  const getter = via === 'node:http' ? nodeHttpGetter(cap, headers) : crossFetchGetter(headers)
  let next = 0
  let polls = 0
  let failures = 0
  let stopped = false
  const worker = async (): Promise<void> => {
    while (!stopped) {
      const id = server.ids[next++ % server.ids.length] ?? ''
      try {
        await getter.getJson(`${server.url}/v1/api/jobs/${encodeURIComponent(id)}`)
        polls += 1
      } catch {
        failures += 1
      }
    }
  }
  const workers = Array.from({ length: cap }, worker)
  return {
    polls: () => polls,
    failures: () => failures,
    async stop() {
      stopped = true
      await Promise.all(workers)
      getter.close()
    },
  }
}
