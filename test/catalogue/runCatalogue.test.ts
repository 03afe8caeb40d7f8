import { expect } from 'chai'
import * as fs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lastValueFrom, toArray } from 'rxjs'
import {
  createJournalStore, rowOf, runCatalogue$, type CatalogueEvent, type CatalogueRow, type JournalEntry, type JournalFileSystem,
} from '../../src/catalogue/index.js'
import { FileSystemError } from '../../src/errors/FileSystemError.js'
import { startSimulator, type Simulator } from '../../src/testing/index.js'
import { fillingDisk } from '../support/fillingDisk.js'

const aPlus = (asin: string, key?: string): CatalogueRow =>
  rowOf({ kind: 'aPlus', request: { asin, country_code: 'US', types: ['A+ Basic'] } }, key === undefined ? {} : { key })
const posts = (sim: Simulator): number => sim.log.filter((request) => request.method === 'POST').length

describe('runCatalogue$ (simulator over HTTP)', () => {
  let sim: Simulator
  let dir: string
  let journal: string
  let out: string
  const run = (rows: CatalogueRow[], extra: { resubmitFailed?: boolean; settleMs?: number; fs?: JournalFileSystem } = {}): Promise<CatalogueEvent[]> =>
    lastValueFrom(
      runCatalogue$(rows, {
        store: createJournalStore(journal, extra.fs === undefined ? {} : { fs: extra.fs }),
        client: { apiKey: sim.testKey, baseUrl: sim.url as string },
        out,
        settleMs: extra.settleMs ?? 0,
        resubmitFailed: extra.resubmitFailed === true,
      }).pipe(toArray()),
    )
  const seed = async (entries: JournalEntry[]): Promise<void> => {
    const store = createJournalStore(journal)
    await store.open()
    for (const entry of entries) await store.append(entry)
    await store.close()
  }
  const done = (events: CatalogueEvent[]) => {
    const last = events.at(-1)
    if (last?.kind !== 'done') throw new Error(`the run did not end with done: ${JSON.stringify(last)}`)
    return last.results
  }

  beforeEach(async () => {
    sim = await startSimulator({ seed: 3 })
    dir = await fs.mkdtemp(join(tmpdir(), 'catalogue-run-'))
    journal = join(dir, 'run.journal')
    out = join(dir, 'images')
  })
  afterEach(async () => {
    await sim.close()
    await fs.rm(dir, { recursive: true, force: true })
  })

  it('adopts the job a killed run created after its intent, instead of submitting again', async () => {
    const row = aPlus('B0CHX1W1XY', 'sku-1')
    // The killed run: its intent is on disk, its POST reached Pixii, its answer never came back.
    await seed([{ kind: 'intent', row: 'sku-1', at: Date.now() - 1_000, submission: row.submission }])
    const jobId = sim.createJob({ key: sim.testKey, jobType: 'A+ Content', asin: 'B0CHX1W1XY', adCount: 1 })
    const events = await run([row])
    expect(posts(sim)).to.equal(0)
    expect(events).to.deep.include({ kind: 'accepted', row: 'sku-1', jobId, adopted: true })
    expect(done(events)[0]).to.include({ status: 'completed', jobId })
  })

  it('submits again a row whose intent left no job, once no job can appear any more', async () => {
    const row = aPlus('B0CHX1W1XY', 'sku-1')
    await seed([{ kind: 'intent', row: 'sku-1', at: Date.now() - 60_000, submission: row.submission }])
    // A job of the same ASIN and type from before the intent is not this row's.
    const older = sim.createJob({ key: sim.testKey, jobType: 'A+ Content', asin: 'B0CHX1W1XY', adCount: 1 })
    await seed([{ kind: 'accepted', row: 'someone-else', at: Date.now(), jobId: older, adopted: false }])
    const events = await run([row])
    expect(posts(sim)).to.equal(1)
    expect(done(events)[0]).to.include({ status: 'completed' })
    expect(done(events)[0]?.jobId).to.not.equal(older)
  })

  it('watches a running job again and downloads its images; a finished row whose image was deleted gets it back; nothing is posted', async () => {
    const row = aPlus('B0CHX1W1XY', 'sku-1')
    const jobId = sim.createJob({ key: sim.testKey, jobType: 'A+ Content', asin: 'B0CHX1W1XY', adCount: 2 })
    await seed([
      { kind: 'intent', row: 'sku-1', at: Date.now(), submission: row.submission },
      { kind: 'accepted', row: 'sku-1', at: Date.now(), jobId, adopted: false },
    ])
    const first = done(await run([row]))
    expect(first[0]).to.include({ status: 'completed', jobId })
    expect(first[0]?.files).to.deep.equal([`${jobId}/ad-01.png`, `${jobId}/ad-02.png`])
    const image = join(out, jobId, 'ad-02.png')
    const bytes = await fs.readFile(image)
    await fs.rm(image)
    const second = await run([row])
    // The image still there is checked and kept; the missing one is downloaded again (the two
    // downloads run at once, so their events come in either order).
    const images = second.flatMap((event) => (event.kind === 'image' ? [event.adIndex] : []))
    expect(images.sort((a, b) => a - b)).to.deep.equal([0, 1])
    expect(await fs.readFile(image)).to.deep.equal(bytes)
    const third = await run([row])
    expect(third.filter((event) => event.kind === 'skipped')).to.deep.equal([{ kind: 'skipped', row: 'sku-1', reason: 'finished' }])
    expect(posts(sim)).to.equal(0)
  })

  it('a finished row whose deleted image cannot be downloaded again is not reported completed, nor its file listed', async () => {
    const row = aPlus('B0CHX1W1XY', 'sku-1')
    const jobId = sim.createJob({ key: sim.testKey, jobType: 'A+ Content', asin: 'B0CHX1W1XY', adCount: 2 })
    await seed([
      { kind: 'intent', row: 'sku-1', at: Date.now(), submission: row.submission },
      { kind: 'accepted', row: 'sku-1', at: Date.now(), jobId, adopted: false },
    ])
    expect(done(await run([row]))[0]).to.include({ status: 'completed' })
    await fs.rm(join(out, jobId, 'ad-02.png'))
    // The image host now answers with something that is not an image: the download fails for good.
    sim.faults.inject({ kind: 'empty' }, { times: Infinity, match: { path: /^\/images\// } })
    const second = await run([row])
    expect(second.map((event) => event.kind)).to.include.members(['image-failed', 'problem'])
    expect(second.filter((event) => event.kind === 'finished'), 'not finished while an image is missing').to.deep.equal([])
    const [result] = done(second)
    expect(result).to.include({ status: 'running', jobId })
    expect(result?.files, 'only the file on disk').to.deep.equal([`${jobId}/ad-01.png`])
    // The host is back: the next start downloads it and finishes the row, still without a POST.
    sim.faults.clear()
    const third = done(await run([row]))
    expect(third[0]).to.include({ status: 'completed' })
    expect(third[0]?.files).to.deep.equal([`${jobId}/ad-01.png`, `${jobId}/ad-02.png`])
    expect(posts(sim)).to.equal(0)
  })

  it('skips a failed row, and submits it once more only with resubmitFailed', async () => {
    sim.script({ kind: 'failure', errorCode: 'GENERATION_FAILED' })
    const row = aPlus('B0CHX1W1XY', 'sku-1')
    expect(done(await run([row]))[0]).to.include({ status: 'failed' })
    expect(done(await run([row]))[0]).to.include({ status: 'failed' })
    expect(posts(sim)).to.equal(1)
    const again = done(await run([row], { resubmitFailed: true }))
    expect(again[0]).to.include({ status: 'completed' })
    expect(posts(sim)).to.equal(2)
    expect(done(await run([row], { resubmitFailed: true }))[0]).to.include({ status: 'completed' })
    expect(posts(sim)).to.equal(2)
  })

  it('stops with ENOSPC when the journal disk fills, keeps every record, and a later run finishes without paying twice', async () => {
    const rows = ['B0CHX1W1XA', 'B0CHX1W1XB', 'B0CHX1W1XC', 'B0CHX1W1XD'].map((asin) => aPlus(asin))
    const room = { bytes: 1_500 }
    const failure = await run(rows, { fs: fillingDisk(room) }).then(() => undefined, (error: unknown) => error)
    expect(failure).to.be.instanceOf(FileSystemError)
    expect(failure).to.include({ code: 'ENOSPC' })
    const sentBefore = posts(sim)
    const store = createJournalStore(journal)
    const { entries, problems } = await store.open()
    await store.close()
    expect(problems).to.deep.equal([])
    expect(entries.filter((entry) => entry.kind === 'intent').length).to.be.at.least(1)
    const results = done(await run(rows))
    expect(results.map((result) => result.status)).to.deep.equal(['completed', 'completed', 'completed', 'completed'])
    // One POST and one job per row, whichever record the full disk cut: a job whose id was not
    // recorded was adopted from the ASIN's listing, an intent that was not recorded was never sent.
    expect(sentBefore).to.be.greaterThan(0)
    expect(posts(sim)).to.equal(4)
    expect(sim.jobIds()).to.have.length(4)
    expect(new Set(results.map((result) => result.jobId))).to.deep.equal(new Set(sim.jobIds()))
  })
})
