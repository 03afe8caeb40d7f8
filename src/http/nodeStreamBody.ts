import { BodyTooLarge } from './BodyTooLarge.js'
import { concatChunks } from './concatChunks.js'

// A response body from node-fetch (which cross-fetch uses in Node): a Node stream, read as
// async-iterable chunks. Browsers never produce one, so their build swaps this file for
// nodeStreamBody.browser.ts (package.json "browser"), which keeps this reader out of page bundles.

type NodeStream = AsyncIterable<Uint8Array | string> & { destroy?: (error?: Error) => void }

function isNodeStream(body: unknown): body is NodeStream {
  return typeof (body as NodeStream | null)?.[Symbol.asyncIterator] === 'function'
}

/** Reads a Node stream body up to `limit` bytes, destroying it past that; `undefined` when `body` is not one. */
export function readNodeStream(body: unknown, limit: number): Promise<Uint8Array> | undefined {
  if (!isNodeStream(body)) return undefined
  return (async () => {
    const chunks: Uint8Array[] = []
    let size = 0
    for await (const piece of body) {
      const chunk = typeof piece === 'string' ? new TextEncoder().encode(piece) : piece
      size += chunk.byteLength
      if (size > limit) {
        body.destroy?.()
        throw new BodyTooLarge(limit)
      }
      chunks.push(chunk)
    }
    return concatChunks(chunks, size)
  })()
}

/** Destroys a Node stream body unread, releasing its connection; false when `body` is not one. */
export function destroyNodeStream(body: unknown): boolean {
  if (!isNodeStream(body)) return false
  body.destroy?.()
  return true
}
