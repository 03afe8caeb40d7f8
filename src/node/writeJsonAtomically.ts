import { rename, rm, writeFile } from 'node:fs/promises'
import { fileSystemError } from './fileSystemError.js'
import { partFileFor } from './partFile.js'

/**
 * Writes `value` as pretty JSON to `file` through a temporary file and a rename, so that readers
 * see the old file or the new one, never half of one. Throws a `FileSystemError`.
 *
 * @example
 * ```ts
 * import { mkdtemp, readFile, rm } from 'node:fs/promises'
 * import { tmpdir } from 'node:os'
 * import { join } from 'node:path'
 * import { writeJsonAtomically } from './writeJsonAtomically.js'
 * const dir = await mkdtemp(join(tmpdir(), 'pixii-'))
 * await writeJsonAtomically(join(dir, 'm.json'), { a: 1 })
 * console.log(JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')).a)
 * await rm(dir, { recursive: true })
 * // Output: 1
 * ```
 */
export async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  const temporary = partFileFor(file)
  try {
    await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx', flush: true })
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined)
    throw fileSystemError(error, file, 'write')
  }
}
