import * as nodeFs from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { FileSystemError } from '../../errors/FileSystemError.js'
import type { CatalogueStore, StoreContents } from '../CatalogueStore.js'
import type { JournalEntry } from '../JournalEntry.js'
import { JournalFormatError } from '../JournalFormatError.js'
import type { JournalFile, JournalFileSystem } from './JournalFileSystem.js'
import { encodeRecord, JOURNAL_FORMAT, JOURNAL_VERSION, parseJournal } from './journalFormat.js'
import { takeJournalLock } from './journalLock.js'

/**
 * Options of {@link createJournalStore}.
 *
 * @example
 * ```ts
 * import * as fs from 'node:fs/promises'
 * import type { JournalFileSystem, JournalStoreOptions } from 'pixii-rx/catalogue'
 * const options: JournalStoreOptions = { fs: fs as unknown as JournalFileSystem, now: Date.now }
 * ```
 */
export interface JournalStoreOptions {
  /** The file system beneath the journal. Default `node:fs/promises`. */
  readonly fs?: JournalFileSystem
  /** The clock of the lock file's time and the header's. Default `Date.now`. */
  readonly now?: () => number
}

interface Waiting {
  readonly bytes: Buffer
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

/**
 * The embedded catalogue store: one append-only file, `path`, plus `path.lock` while a run holds
 * it. Each record is one line with a CRC-32 (format version 1, documented in the guide "Running a
 * catalogue"); `append` resolves only once its line is on disk (fdatasync), and appends that come
 * together share one write and one sync. A kill or a power loss at any instant leaves a journal
 * that opens: a torn last record (never acknowledged) is cut off, damaged records before good
 * ones are reported as `problems` and skipped. A write that fails (a full disk) is undone to the
 * last whole record and every later append fails with the same `FileSystem` error, so nothing
 * already recorded is lost.
 *
 * @param path - The journal file; created (with its header) when missing or empty.
 * @param options - The file system and the clock, for tests (see {@link JournalStoreOptions}).
 * @throws Never at once. `open` rejects with `JournalLocked` when another live run holds the
 * journal, `JournalFormat` for a newer format or a file that is not a journal, `FileSystem` when it
 * cannot be read or created; `append` rejects with `FileSystem` when the record cannot be made
 * durable (a full disk), and every later append with the same error.
 *
 * @example
 * ```ts
 * import { mkdtemp, rm } from 'node:fs/promises'
 * import { tmpdir } from 'node:os'
 * import { join } from 'node:path'
 * import { createJournalStore } from 'pixii-rx/catalogue'
 * const dir = await mkdtemp(join(tmpdir(), 'journal-'))
 * const store = createJournalStore(join(dir, 'run.journal'))
 * await store.open()
 * await store.append({ kind: 'accepted', row: 'r1', at: 0, jobId: 'job_1', adopted: false })
 * await store.close()
 * const again = createJournalStore(join(dir, 'run.journal'))
 * console.log((await again.open()).entries.length)
 * await again.close()
 * await rm(dir, { recursive: true })
 * // Output: 1
 * ```
 */
export function createJournalStore(path: string, options: JournalStoreOptions = {}): CatalogueStore {
  const fs = options.fs ?? (nodeFs)
  const now = options.now ?? Date.now
  const journal = resolve(path)
  let file: JournalFile | undefined
  let lock: { release(): Promise<void> } | undefined
  let size = 0
  let broken: FileSystemError | undefined
  let waiting: Waiting[] = []
  let writing: Promise<void> | undefined
  // Set and cleared synchronously, so an append made as a batch settles joins the next batch.
  let flushing = false
  let closing: Promise<void> | undefined

  const fsError = (error: unknown, doing: string): FileSystemError => {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error))
    return new FileSystemError({ message: `Could not ${doing} the journal ${journal}: ${why}`, file: journal, ...(code === undefined ? {} : { code }), cause: error })
  }

  // Writes every waiting record at once, syncs, and settles them together.
  const flush = async (handle: JournalFile): Promise<void> => {
    flushing = true
    while (waiting.length > 0) {
      const batch = waiting
      waiting = []
      const bytes = Buffer.concat(batch.map((item) => item.bytes))
      try {
        if (broken !== undefined) throw broken
        let written = 0
        while (written < bytes.length) {
          const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, size + written)
          written += bytesWritten
        }
        await handle.datasync()
        size += bytes.length
        for (const item of batch) item.resolve()
      } catch (error) {
        broken ??= error instanceof FileSystemError ? error : fsError(error, 'write to')
        // Undo a partial write so that the journal still ends on a whole record.
        await handle.truncate(size).catch(() => undefined)
        for (const item of batch) item.reject(broken)
      }
    }
    // In the same step as the loop's last check: an append made from here on starts a new flush.
    flushing = false
  }

  const create = async (): Promise<JournalFile> => {
    const handle = await fs.open(journal, 'w+', 0o644)
    const header = Buffer.from(encodeRecord({ format: JOURNAL_FORMAT, version: JOURNAL_VERSION, createdAt: new Date(now()).toISOString() }))
    await handle.write(header, 0, header.length, 0)
    await handle.datasync()
    // The new file's name must survive a power loss too: sync its folder.
    const folder = await fs.open(dirname(journal), 'r')
    await folder.sync().finally(() => folder.close())
    size = header.length
    return handle
  }

  const read = async (): Promise<{ handle: JournalFile; contents: StoreContents }> => {
    let bytes: Buffer | undefined
    try {
      bytes = await fs.readFile(journal)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError(error, 'read')
    }
    const parsed = bytes === undefined ? ({ kind: 'empty' } as const) : parseJournal(bytes)
    switch (parsed.kind) {
      case 'empty':
        return { handle: await create().catch((error: unknown) => Promise.reject(fsError(error, 'create'))), contents: { entries: [], problems: [] } }
      case 'foreign':
        throw new JournalFormatError({ message: `${journal} is not a pixii-rx catalogue journal: ${parsed.why}. It was left untouched.`, journal, supported: JOURNAL_VERSION })
      case 'newer':
        throw new JournalFormatError({
          message: `The journal ${journal} has format version ${parsed.version}, written by a newer pixii-rx; this one reads up to version ${JOURNAL_VERSION}. Upgrade pixii-rx; the journal was left untouched.`,
          journal,
          found: parsed.version,
          supported: JOURNAL_VERSION,
        })
      case 'journal': {
        const handle = await fs.open(journal, 'r+').catch((error: unknown) => Promise.reject(fsError(error, 'open')))
        if (parsed.goodLength < (bytes as Buffer).length) {
          // A torn last record: it was never acknowledged, and new records must not follow it.
          await handle.truncate(parsed.goodLength).catch(async (error: unknown) => {
            await handle.close()
            throw fsError(error, 'repair the end of')
          })
          await handle.datasync()
        }
        size = parsed.goodLength
        return { handle, contents: { entries: parsed.entries, problems: parsed.problems } }
      }
    }
  }

  return {
    async open() {
      if (file !== undefined) throw new FileSystemError({ message: `The journal ${journal} is already open in this store`, file: journal })
      lock = await takeJournalLock(fs, journal, now)
      try {
        const { handle, contents } = await read()
        file = handle
        broken = undefined
        closing = undefined
        return contents
      } catch (error) {
        await lock.release()
        lock = undefined
        throw error
      }
    },
    append(entry: JournalEntry) {
      const handle = file
      if (handle === undefined) return Promise.reject(new FileSystemError({ message: `The journal ${journal} is not open`, file: journal }))
      if (broken !== undefined) return Promise.reject(broken)
      return new Promise<void>((resolvePromise, reject) => {
        waiting.push({ bytes: Buffer.from(encodeRecord(entry)), resolve: resolvePromise, reject })
        if (!flushing) writing = flush(handle)
      })
    },
    // One process owns the whole journal: every row is its own.
    claim: () => Promise.resolve(true),
    release: () => Promise.resolve(),
    close() {
      // Memoized: the run's own teardown and its caller may both close it; both wait for the lock to go.
      closing ??= (async () => {
        await writing
        const handle = file
        file = undefined
        await handle?.close().catch(() => undefined)
        await lock?.release()
        lock = undefined
      })()
      return closing
    },
  }
}
