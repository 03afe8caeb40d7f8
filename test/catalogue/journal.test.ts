import { expect } from 'chai'
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createJournalStore, JournalFormatError, JournalLockedError, type JournalEntry,
} from '../../src/catalogue/index.js'
import { encodeRecord } from '../../src/catalogue/journal/journalFormat.js'
import { FileSystemError } from '../../src/errors/FileSystemError.js'
import { fillingDisk } from '../support/fillingDisk.js'

const accepted = (n: number): JournalEntry => ({ kind: 'accepted', row: `row-${n}`, at: 1_000 + n, jobId: `job_${n}`, adopted: false })

describe('catalogue journal (embedded store)', () => {
  let dir: string
  let path: string
  beforeEach(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'journal-test-'))
    path = join(dir, 'run.journal')
  })
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true })
  })

  it('gives back every acknowledged entry, in order, after a reopen; parallel appends share writes', async () => {
    const store = createJournalStore(path)
    expect(await store.open()).to.deep.equal({ entries: [], problems: [] })
    await store.append(accepted(0))
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.append(accepted(n))))
    await store.close()
    const again = createJournalStore(path)
    const { entries, problems } = await again.open()
    await again.close()
    expect(entries).to.deep.equal([0, 1, 2, 3, 4, 5].map(accepted))
    expect(problems).to.deep.equal([])
    const lines = (await fs.readFile(path, 'utf8')).split('\n')
    expect(lines[0]).to.match(/^[0-9a-f]{8} \{"format":"pixii-rx\/catalogue-journal","version":1,/)
    expect(lines).to.have.length(8) // header, six records, and the empty text after the last newline
  })

  it('ignores a torn last record, cuts it off, and appends after the last whole one', async () => {
    const store = createJournalStore(path)
    await store.open()
    for (const n of [0, 1, 2]) await store.append(accepted(n))
    await store.close()
    const whole = (await fs.stat(path)).size
    await fs.appendFile(path, encodeRecord(accepted(3)).slice(0, 25)) // a kill in the middle of a write
    const again = createJournalStore(path)
    expect(await again.open()).to.deep.equal({ entries: [0, 1, 2].map(accepted), problems: [] })
    expect((await fs.stat(path)).size).to.equal(whole)
    await again.append(accepted(4))
    await again.close()
    const third = createJournalStore(path)
    expect((await third.open()).entries).to.deep.equal([0, 1, 2, 4].map(accepted))
    await third.close()
  })

  it('treats a damaged last line (a power loss mid-sector) as torn, and a damaged middle one as a reported problem', async () => {
    const store = createJournalStore(path)
    await store.open()
    for (const n of [0, 1, 2]) await store.append(accepted(n))
    await store.close()
    const lines = (await fs.readFile(path, 'utf8')).split('\n')
    lines[2] = (lines[2] as string).replace('row-1', 'row-X') // the checksum no longer matches
    await fs.writeFile(path, `${lines.join('\n')}${'\u0000'.repeat(12)}\n`)
    const again = createJournalStore(path)
    const { entries, problems } = await again.open()
    await again.close()
    expect(entries).to.deep.equal([0, 2].map(accepted))
    expect(problems).to.deep.equal([{ where: 'line 3', message: 'checksum mismatch' }])
  })

  it('refuses a journal of a newer format, and a file that is not a journal, leaving both untouched', async () => {
    const newer = `${encodeRecord({ format: 'pixii-rx/catalogue-journal', version: 2 })}${encodeRecord({ kind: 'teleported' })}`
    await fs.writeFile(path, newer)
    const error = await createJournalStore(path).open().then(() => undefined, (caught: unknown) => caught)
    expect(error).to.be.instanceOf(JournalFormatError)
    expect(error).to.include({ _tag: 'JournalFormat', found: 2, supported: 1 })
    expect((error as Error).message).to.contain('format version 2, written by a newer pixii-rx; this one reads up to version 1')
    expect(await fs.readFile(path, 'utf8')).to.equal(newer)
    const other = join(dir, 'notes.txt')
    await fs.writeFile(other, 'shopping list\nmilk\n')
    const foreign = await createJournalStore(other).open().then(() => undefined, (caught: unknown) => caught)
    expect(foreign).to.be.instanceOf(JournalFormatError)
    expect((foreign as Error).message).to.contain('is not a pixii-rx catalogue journal')
    expect(await fs.readFile(other, 'utf8')).to.equal('shopping list\nmilk\n')
    // Refused runs leave no lock behind.
    expect(await fs.readdir(dir)).to.have.members(['run.journal', 'notes.txt'])
  })

  it('refuses a second live run, naming the process; replaces the lock of a dead one', async () => {
    const first = createJournalStore(path)
    await first.open()
    const second = await createJournalStore(path).open().then(() => undefined, (caught: unknown) => caught)
    expect(second).to.be.instanceOf(JournalLockedError)
    expect((second as JournalLockedError).holder).to.include({ pid: process.pid, host: hostname() })
    expect((second as Error).message).to.contain(`is in use by process ${process.pid}`)
    await first.append(accepted(0))
    await first.close()
    // A run killed with its lock in place: a process that has exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    await fs.writeFile(`${path}.lock`, JSON.stringify({ pid: Number(dead.stdout), host: hostname(), startedAt: 'earlier' }))
    const third = createJournalStore(path)
    expect((await third.open()).entries).to.deep.equal([accepted(0)])
    await third.close()
    // A lock from another machine cannot be checked from here: refused, with what to do.
    await fs.writeFile(`${path}.lock`, JSON.stringify({ pid: 1, host: 'elsewhere.example', startedAt: 'earlier' }))
    const remote = await createJournalStore(path).open().then(() => undefined, (caught: unknown) => caught)
    expect((remote as Error).message).to.contain('on elsewhere.example (another machine: remove')
  })

  it('on a full disk: the append fails with ENOSPC, the partial write is undone, later appends fail alike, and nothing acknowledged is lost', async () => {
    const room = { bytes: Number.POSITIVE_INFINITY }
    const store = createJournalStore(path, { fs: fillingDisk(room) })
    await store.open()
    for (const n of [0, 1, 2]) await store.append(accepted(n))
    room.bytes = 30 // the next record does not fit
    const full = await store.append(accepted(3)).then(() => undefined, (caught: unknown) => caught)
    expect(full).to.be.instanceOf(FileSystemError)
    expect(full).to.include({ code: 'ENOSPC' })
    expect((full as Error).message).to.equal(`Could not write to the journal ${path}: the disk is full`)
    room.bytes = Number.POSITIVE_INFINITY
    const after = await store.append(accepted(4)).then(() => undefined, (caught: unknown) => caught)
    expect(after).to.equal(full)
    await store.close()
    const again = createJournalStore(path)
    expect(await again.open()).to.deep.equal({ entries: [0, 1, 2].map(accepted), problems: [] })
    await again.close()
  })
})
