import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeWebStream } from 'node:stream/web'
import { partFileFor } from './partFile.js'

/** Thrown by {@link writeAtomically} when the body passes `maxBytes`. */
export class TooLarge extends Error {
  override readonly name = 'TooLarge'
}

/** Thrown by {@link writeAtomically} when the disk, not the body, failed; `cause` is Node's error. */
export class DiskFailed extends Error {
  override readonly name = 'DiskFailed'
}

/** What {@link writeAtomically} wrote. */
export interface Written {
  readonly bytes: number
  readonly sha256: string
}

/**
 * Streams `body` into `file` without ever leaving a partial file under that name: the bytes go
 * to `<file>.pixii-<random>.part` in the same folder (see `partFileFor`), counted, capped at
 * `maxBytes` and hashed with SHA-256 on the way, are checked against `expectedBytes` when given,
 * flushed to disk, and only then renamed over `file`. On any failure or abort the temporary file
 * is removed; after a crash or a kill it may remain, under its `.part` name only, which is the
 * only kind of file `prepareJob` cleans up. Throws {@link TooLarge}, {@link DiskFailed}, the body's own error, or the abort.
 *
 * @example
 * ```ts
 * import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
 * import { tmpdir } from 'node:os'
 * import { join } from 'node:path'
 * import { writeAtomically } from './writeAtomically.js'
 * const dir = await mkdtemp(join(tmpdir(), 'pixii-'))
 * const body = new Response('hello').body!
 * const written = await writeAtomically(body, join(dir, 'a.txt'), { maxBytes: 1_000 }, new AbortController().signal)
 * console.log(written.bytes, written.sha256.slice(0, 8), await readFile(join(dir, 'a.txt'), 'utf8'), (await readdir(dir)).join())
 * await rm(dir, { recursive: true })
 * // Output: 5 2cf24dba hello a.txt
 * ```
 */
export async function writeAtomically(
  body: ReadableStream<Uint8Array>,
  file: string,
  limits: { readonly maxBytes: number; readonly expectedBytes?: number },
  signal: AbortSignal,
): Promise<Written> {
  const { maxBytes, expectedBytes } = limits
  const temporary = partFileFor(file)
  const hash = createHash('sha256')
  let bytes = 0
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.byteLength
      if (bytes > maxBytes) return callback(new TooLarge(`more than ${maxBytes} bytes`))
      hash.update(chunk)
      callback(null, chunk)
    },
  })
  // `wx`: never write into a file someone else is writing; `flush`: on disk before the rename.
  const sink = createWriteStream(temporary, { flags: 'wx', flush: true })
  const source = Readable.fromWeb(body as NodeWebStream<Uint8Array>)
  // pipeline() destroys every stream with the first error, so the sink also reports a broken body
  // or a TooLarge: only a failure that starts at the sink is the disk's.
  let diskError: unknown
  let bodyFailed = false
  source.once('error', () => (bodyFailed ||= diskError === undefined))
  meter.once('error', () => (bodyFailed ||= diskError === undefined))
  sink.once('error', (error) => {
    if (!bodyFailed) diskError ??= error
  })
  try {
    await pipeline(source, meter, sink, { signal })
    if (expectedBytes !== undefined && bytes !== expectedBytes) throw new Error(`The body ended after ${bytes} of ${expectedBytes} bytes`)
    try {
      await rename(temporary, file)
    } catch (error) {
      diskError = error
      throw error
    }
    return { bytes, sha256: hash.digest('hex') }
  } catch (error) {
    await body.cancel().catch(() => undefined)
    await rm(temporary, { force: true }).catch(() => undefined)
    if (diskError !== undefined && !signal.aborted) throw new DiskFailed('write', { cause: diskError })
    throw error
  }
}
