/**
 * The file operations of an open journal: a subset of Node's `FileHandle`.
 *
 * @example
 * ```ts
 * import { open } from 'node:fs/promises'
 * import type { JournalFile } from 'pixii-rx/catalogue'
 * const opener: (path: string) => Promise<JournalFile> = (path) => open(path, 'r+')
 * ```
 */
export interface JournalFile {
  write(buffer: Uint8Array, offset?: number, length?: number, position?: number | null): Promise<{ bytesWritten: number }>
  /** Makes the written data durable (fdatasync). */
  datasync(): Promise<void>
  /** Makes data and metadata durable (fsync): used on folders after a file is created or removed. */
  sync(): Promise<void>
  truncate(length?: number): Promise<void>
  close(): Promise<void>
}

/**
 * What the embedded journal needs of the file system: a subset of `node:fs/promises`, so that a
 * test can put a disk that fills up beneath it. Default: `node:fs/promises` itself.
 *
 * @example
 * ```ts
 * import * as fs from 'node:fs/promises'
 * import type { JournalFileSystem } from 'pixii-rx/catalogue'
 * const real: JournalFileSystem = fs
 * console.log(typeof real.open)
 * // Output: function
 * ```
 */
export interface JournalFileSystem {
  open(path: string, flags: string, mode?: number): Promise<JournalFile>
  readFile(path: string): Promise<Buffer>
  unlink(path: string): Promise<void>
  stat(path: string): Promise<{ readonly mtimeMs: number }>
}
