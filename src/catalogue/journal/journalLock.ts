import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { FileSystemError } from '../../errors/FileSystemError.js'
import { JournalLockedError, type JournalHolder } from '../JournalLockedError.js'
import type { JournalFileSystem } from './JournalFileSystem.js'

/** A lock file's content. `boot` tells a lock left before a reboot, whose pid means nothing now. */
interface LockNote extends JournalHolder {
  readonly boot: string | undefined
}

// Locks this process holds: its own pid in a lock file is then not a stale lock of a former process.
const heldHere = new Set<string>()

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  } catch {
    return undefined
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Whether the holder named by a lock file may still be running. */
function mayBeLive(note: LockNote, lockFile: string): boolean {
  if (note.host !== hostname()) return true // another machine: cannot be checked from here
  if (note.boot !== undefined && note.boot !== bootId()) return false // left before a reboot
  if (note.pid === process.pid) return heldHere.has(lockFile) // a former process that had our pid (containers)
  return alive(note.pid)
}

const fsError = (error: unknown, file: string, doing: string): FileSystemError => {
  const code = (error as NodeJS.ErrnoException).code
  return new FileSystemError({ message: `Could not ${doing} ${file}: ${code ?? String(error)}`, file, ...(code === undefined ? {} : { code }), cause: error })
}

/**
 * Takes `<journal>.lock`, created with O_EXCL and holding this process's pid, host and boot. An
 * existing lock whose process is gone (dead pid on this host, or a boot since) is stale and
 * replaced; one whose process may be alive is a `JournalLocked` error naming it. A lock file left
 * empty (a kill between its creation and its write) is stale once it is a few seconds old.
 */
export async function takeJournalLock(fs: JournalFileSystem, journal: string, now: () => number): Promise<{ release(): Promise<void> }> {
  const lockFile = `${journal}.lock`
  const note: LockNote = { pid: process.pid, host: hostname(), boot: bootId(), startedAt: new Date(now()).toISOString() }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await fs.open(lockFile, 'wx', 0o644)
      try {
        await handle.write(Buffer.from(`${JSON.stringify(note)}\n`))
        await handle.datasync()
      } finally {
        await handle.close()
      }
      heldHere.add(lockFile)
      return {
        release: async () => {
          heldHere.delete(lockFile)
          await fs.unlink(lockFile).catch(() => undefined)
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fsError(error, lockFile, 'create the lock file')
    }
    let text: string
    try {
      text = (await fs.readFile(lockFile)).toString('utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue // released meanwhile: try again
      throw fsError(error, lockFile, 'read the lock file')
    }
    let holder: LockNote | undefined
    try {
      holder = JSON.parse(text) as LockNote
    } catch {
      holder = undefined
    }
    if (holder === undefined || typeof holder.pid !== 'number') {
      const age = now() - (await fs.stat(lockFile)).mtimeMs
      if (age < 5_000) {
        throw new JournalLockedError({ message: `The journal ${journal} is being opened by another run (its lock file ${lockFile} was just created)`, journal })
      }
    } else if (mayBeLive(holder, lockFile)) {
      const { pid, host, startedAt } = holder
      const where = host === hostname() ? `process ${pid}` : `process ${pid} on ${host} (another machine: remove ${lockFile} only if it is surely stopped)`
      throw new JournalLockedError({ message: `The journal ${journal} is in use by ${where}, since ${startedAt}: one run per journal`, journal, holder: { pid, host, startedAt } })
    }
    await fs.unlink(lockFile).catch(() => undefined) // stale: the run that left it is gone
  }
  throw new JournalLockedError({ message: `The journal ${journal} could not be locked: other runs keep taking it`, journal })
}
