/** Raised by {@link readBodyCapped} when the body passes the cap; the transport maps it. */
export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge'
  constructor(readonly limit: number) {
    super(`The response body is larger than ${limit} bytes`)
  }
}

type NodeReadable = AsyncIterable<Uint8Array | string> & { destroy?: (error?: Error) => void }

function isWebStream(body: unknown): body is ReadableStream<Uint8Array> {
  return typeof (body as ReadableStream | null)?.getReader === 'function'
}

function isAsyncIterable(body: unknown): body is NodeReadable {
  return typeof (body as NodeReadable | null)?.[Symbol.asyncIterator] === 'function'
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

async function readWebStream(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return concat(chunks, size)
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      throw new BodyTooLarge(limit)
    }
    chunks.push(value)
  }
}

async function readNodeStream(stream: NodeReadable, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const piece of stream) {
    const chunk = typeof piece === 'string' ? new TextEncoder().encode(piece) : piece
    size += chunk.byteLength
    if (size > limit) {
      stream.destroy?.()
      throw new BodyTooLarge(limit)
    }
    chunks.push(chunk)
  }
  return concat(chunks, size)
}

/**
 * Drops a response body unread: cancels a WHATWG stream, destroys a Node stream (node-fetch),
 * so that the connection is released. Never throws.
 */
export async function discardBody(response: Pick<Response, 'body'>): Promise<void> {
  const body: unknown = response.body
  if (isWebStream(body)) await body.cancel().catch(() => undefined)
  else if (isAsyncIterable(body)) body.destroy?.()
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
  if (isAsyncIterable(body)) return readNodeStream(body, limit)
  if (body === null || body === undefined) return new Uint8Array(0)
  const bytes = new Uint8Array(await response.arrayBuffer())
  if (bytes.byteLength > limit) throw new BodyTooLarge(limit)
  return bytes
}
