import { BodyTooLarge } from './BodyTooLarge.js'
import { concatChunks } from './concatChunks.js'
import { destroyNodeStream, readNodeStream } from './nodeStreamBody.js'

function isWebStream(body: unknown): body is ReadableStream<Uint8Array> {
  return typeof (body as ReadableStream | null)?.getReader === 'function'
}

async function readWebStream(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return concatChunks(chunks, size)
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      throw new BodyTooLarge(limit)
    }
    chunks.push(value)
  }
}

/**
 * Drops a response body unread: cancels a WHATWG stream, destroys a Node stream (node-fetch),
 * so that the connection is released. Never throws.
 */
export async function discardBody(response: Pick<Response, 'body'>): Promise<void> {
  const body: unknown = response.body
  if (isWebStream(body)) await body.cancel().catch(() => undefined)
  else destroyNodeStream(body)
}

/**
 * Reads a response body, refusing it as soon as it passes `limit` bytes: a declared
 * `Content-Length` over the limit is refused before reading, and a stream that grows past it is
 * cancelled mid-way, so an endless body never fills memory. Works with WHATWG streams (browsers,
 * Node's fetch) and Node streams (node-fetch, used by cross-fetch in Node).
 */
export async function readBodyCapped(response: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  const body: unknown = response.body
  if (declared > limit) {
    await discardBody(response)
    throw new BodyTooLarge(limit)
  }
  if (isWebStream(body)) return readWebStream(body, limit)
  const fromNode = readNodeStream(body, limit)
  if (fromNode !== undefined) return fromNode
  if (body === null || body === undefined) return new Uint8Array(0)
  const bytes = new Uint8Array(await response.arrayBuffer())
  if (bytes.byteLength > limit) throw new BodyTooLarge(limit)
  return bytes
}
