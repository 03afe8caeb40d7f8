import { Agent, get } from 'node:http'
import type { PollWorkload } from './pollWorkload.js'

/**
 * The baseline of benchmark 2: `cap` loops doing the same `GET /v1/api/jobs/{id}` as the client,
 * round-robin over `ids`, with a keep-alive agent and `JSON.parse` only: no decoding, no
 * schedule, no Observable.
 */
export function startRawLoop(server: { url: string; key: string; ids: readonly string[] }, cap: number): PollWorkload {
  const agent = new Agent({ keepAlive: true, maxSockets: cap })
  const headers = { accept: 'application/json', authorization: `Bearer ${server.key}` }
  let next = 0
  let polls = 0
  let failures = 0
  let stopped = false
  const getJson = (url: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      get(url, { agent, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`HTTP ${res.statusCode}`))))
        res.on('error', reject)
      }).on('error', reject)
    })
  const worker = async (): Promise<void> => {
    while (!stopped) {
      const id = server.ids[next++ % server.ids.length] ?? ''
      try {
        await getJson(`${server.url}/v1/api/jobs/${encodeURIComponent(id)}`)
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
      agent.destroy()
    },
  }
}
