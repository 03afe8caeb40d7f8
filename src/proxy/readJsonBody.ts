import type { IncomingMessage } from 'node:http'

/** A body read as JSON, or why not, as the status and message to answer with. */
export type JsonBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly status: 400 | 413; readonly message: string }

/**
 * Reads a request body of at most `maxBytes` and parses it as JSON. A body that a framework has
 * already parsed (Express's `express.json()` leaves it in `req.body` and the stream read) is
 * taken as it is. Over the cap, it answers at once and drops the rest.
 *
 * @example
 * ```ts
 * import { Readable } from 'node:stream'
 * import type { IncomingMessage } from 'node:http'
 * import { readJsonBody } from './readJsonBody.js'
 * const request = (text: string) => Readable.from([Buffer.from(text)]) as unknown as IncomingMessage
 * console.log(JSON.stringify(await readJsonBody(request('{"asin":"B0CHX1W1XY"}'), 100)))
 * console.log((await readJsonBody(request('{"asin":"B0CHX1W1XY"}'), 10)).ok)
 * // Output: {"ok":true,"value":{"asin":"B0CHX1W1XY"}}
 * // Output: false
 * ```
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  const parsed = (req as { body?: unknown }).body
  if (parsed !== undefined && req.readableEnded) return { ok: true, value: parsed }
  const text = await new Promise<string | undefined>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= maxBytes) chunks.push(chunk)
      else {
        // Answer at once; the rest is read and dropped (the caller closes the connection).
        req.off('data', onData).resume()
        resolve(undefined)
      }
    }
    req.on('data', onData)
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.once('error', reject)
  })
  if (text === undefined) return { ok: false, status: 413, message: `the body is over ${maxBytes} bytes` }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, status: 400, message: 'the body is not JSON' }
  }
}
