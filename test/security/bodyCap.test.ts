import { expect } from 'chai'
import crossFetch from 'cross-fetch'
import type { ServerResponse } from 'node:http'
import { lastValueFrom, VirtualTimeScheduler } from 'rxjs'
import { getJob$ } from '../../src/api/getJob.js'
import { isPixiiError } from '../../src/index.js'
import type { FetchLike } from '../../src/advanced/index.js'
import { listen, type Listener } from './listener.js'

const MiB = 1024 * 1024
const whole = 100 * MiB
const cap = MiB
const chunk = new Uint8Array(64 * 1024).fill(0x20)

/** Streams `whole` bytes in chunks, as fast as the client reads them; resolves with what was written when the connection closes. */
function endless(declare: boolean): { answer: (res: ServerResponse) => void; closed: Promise<{ written: number; finished: boolean }> } {
  let settle!: (outcome: { written: number; finished: boolean }) => void
  const closed = new Promise<{ written: number; finished: boolean }>((resolve) => (settle = resolve))
  const answer = (res: ServerResponse): void => {
    let written = 0
    res.writeHead(200, { 'content-type': 'application/json', ...(declare ? { 'content-length': String(whole) } : {}) })
    res.on('close', () => settle({ written, finished: res.writableFinished }))
    const pump = (): void => {
      while (written < whole && !res.destroyed) {
        written += chunk.byteLength
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      if (written >= whole) res.end()
    }
    pump()
  }
  return { answer, closed }
}

describe('a response body over the cap is cut off while streaming, without buffering it all', () => {
  let server: Listener
  afterEach(async () => server.close())

  for (const [name, fetch] of [['globalThis.fetch', globalThis.fetch], ['cross-fetch (the default)', crossFetch as FetchLike]] as const) {
    for (const declare of [false, true]) {
      it(`${name}, ${declare ? 'with' : 'without'} Content-Length: a 100 MiB body stops after about the 1 MiB cap`, async () => {
        const body = endless(declare)
        server = await listen('127.0.0.1', (_req, res) => body.answer(res))
        const config = { baseUrl: server.url, apiKey: 'pk_test_cap', fetch, scheduler: new VirtualTimeScheduler(), requestTimeoutMs: 30_000, maxBodyBytes: cap }
        const error = await lastValueFrom(getJob$(config, 'job_1')).then(() => undefined, (e: unknown) => e)
        if (!isPixiiError(error, 'Network')) throw new Error(`expected a NetworkError, got ${String(error)}`)
        expect(error).to.include({ failure: 'body-too-large', retryable: false })
        const { written, finished } = await body.closed
        expect(finished, 'the server never finished the body').to.equal(false)
        // What the kernel's socket buffers took on top of the cap, far from the whole body.
        expect(written, `${written} bytes written`).to.be.below(whole / 8)
      })
    }
  }
})
