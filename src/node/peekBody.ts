/** What {@link peekBody} read: the first bytes, and the whole body again, those bytes included. */
export interface PeekedBody {
  /** At least the bytes asked for, unless the body ended first. */
  readonly head: Uint8Array
  /** The body from its first byte: the chunks already read, then the rest as it comes. */
  readonly body: ReadableStream<Uint8Array>
}

/**
 * Reads the first `bytes` bytes of a body (or all of it, when it is shorter) without losing
 * them, so that what the body is can be decided before anything is written to disk. Cancelling
 * the returned body cancels the original. Rejects with the body's error, or with the abort
 * reason when `signal` aborts (and then cancels the body, even one that ignores the signal).
 *
 * @example
 * ```ts
 * import { peekBody } from './peekBody.js'
 * const peeked = await peekBody(new Response('hello world').body!, 5, new AbortController().signal)
 * console.log(new TextDecoder().decode(peeked.head).slice(0, 5), await new Response(peeked.body).text())
 * // Output: hello hello world
 * ```
 */
export async function peekBody(body: ReadableStream<Uint8Array>, bytes: number, signal: AbortSignal): Promise<PeekedBody> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  let ended = false
  const onAbort = (): void => void reader.cancel(signal.reason).catch(() => undefined)
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    while (length < bytes && !signal.aborted) {
      const next = await reader.read()
      if (next.done) {
        ended = true
        break
      }
      chunks.push(next.value)
      length += next.value.byteLength
    }
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
  if (signal.aborted) {
    await reader.cancel(signal.reason).catch(() => undefined)
    throw signal.reason
  }
  const head = new Uint8Array(length)
  chunks.reduce((offset, chunk) => (head.set(chunk, offset), offset + chunk.byteLength), 0)
  const replay = [...chunks]
  const rest = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = replay.shift()
      if (chunk !== undefined) return controller.enqueue(chunk)
      if (ended) return controller.close()
      const next = await reader.read()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    cancel: (reason) => reader.cancel(reason),
  })
  return { head, body: rest }
}
