import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/**
 * The SHA-256 of a file on disk, hex, read as a stream.
 *
 * @example
 * ```ts
 * import { mkdtemp, rm, writeFile } from 'node:fs/promises'
 * import { tmpdir } from 'node:os'
 * import { join } from 'node:path'
 * import { hashFile } from './hashFile.js'
 * const dir = await mkdtemp(join(tmpdir(), 'pixii-'))
 * await writeFile(join(dir, 'a.txt'), 'hello')
 * console.log((await hashFile(join(dir, 'a.txt'))).slice(0, 8))
 * await rm(dir, { recursive: true })
 * // Output: 2cf24dba
 * ```
 */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
