import { expect } from 'chai'
import * as fs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Subscription } from 'rxjs'
import {
  createJournalStore, rowOf, runCatalogue$, type CatalogueEvent, type CatalogueRow, type CatalogueStore, type JournalFile, type JournalFileSystem,
} from '../../src/catalogue/index.js'
import { createSimulator, type Simulator } from '../../src/testing/index.js'
import { VirtualClock } from '../support/virtualTime.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

// The journal's durability is not under test here (the crash test has it): no fsync, to keep
// 8,000 records quick. Every append is counted, so that virtual time waits for the disk.
function countingStore(path: string, pending: { count: number }): CatalogueStore {
  const noSync: JournalFileSystem = {
    ...(fs as unknown as JournalFileSystem),
    async open(file, flags, mode) {
      const handle = (await fs.open(file, flags, mode)) as unknown as JournalFile
      return { write: (...args) => handle.write(...args), datasync: () => Promise.resolve(), sync: () => Promise.resolve(), truncate: (length) => handle.truncate(length), close: () => handle.close() }
    },
  }
  const store = createJournalStore(path, { fs: noSync })
  return {
    ...store,
    append: (entry) => {
      pending.count += 1
      return store.append(entry).finally(() => (pending.count -= 1))
    },
    open: () => {
      pending.count += 1
      return store.open().finally(() => (pending.count -= 1))
    },
    close: () => store.close(),
  }
}

describe('a 1,200-row catalogue over three simulated days at 10/min and 500/day, restarted twice (virtual time)', function () {
  this.timeout(300_000)
  const rows: CatalogueRow[] = Array.from({ length: 1_200 }, (_, index) =>
    rowOf({ kind: 'aPlus', request: { asin: `B0DAY${String(index).padStart(5, '0')}`, country_code: 'US', types: ['A+ Basic'] } }),
  )
  let sim: Simulator
  let dir: string
  let clock: VirtualClock
  let results: readonly { status: string; files: readonly string[] }[] = []
  let waiting: number[] = []
  const pending = { count: 0 }

  // The disk is real: a stat, a write or a rename in flight must end before virtual time moves,
  // or a run waiting on it would see minutes pass (Node lists each as an active resource).
  const diskBusy = (): boolean => process.getActiveResourcesInfo().some((resource) => resource.startsWith('FSReq'))
  const quiet = async (): Promise<void> => {
    for (;;) {
      await clock.settle()
      if (pending.count === 0 && !diskBusy()) {
        await turn()
        if (pending.count === 0 && !diskBusy()) return
      }
      await turn()
    }
  }
  /** Runs virtual time until `done()` or the instant `until`, waiting for requests and the disk between two instants. */
  const runUntil = async (done: () => boolean, until: number): Promise<void> => {
    for (;;) {
      await quiet()
      if (done()) return
      let next = clock.scheduler.actions[0]
      // Work on the disk outside the store (opening it, images being renamed into place) is not
      // counted: let the event loop turn until it schedules something or the run ends.
      for (let turns = 0; next === undefined && !done() && turns < 100_000; turns += 1) {
        await turn()
        next = clock.scheduler.actions[0]
      }
      if (done()) return
      if (next === undefined) throw new Error('nothing scheduled, and the run is not done')
      if (next.delay > until) {
        clock.scheduler.frame = until
        return
      }
      clock.scheduler.maxFrames = next.delay
      clock.scheduler.flush()
    }
  }
  const segment = async (until: number): Promise<boolean> => {
    let ended = false
    let failure: unknown
    const subscription: Subscription = runCatalogue$(rows, {
      store: countingStore(join(dir, 'run.journal'), pending),
      client: { apiKey: sim.testKey, baseUrl: 'http://127.0.0.1:1', fetch: clock.track(sim.fetch), scheduler: clock.scheduler },
      out: join(dir, 'images'),
      downloads: { fetch: clock.track(sim.fetch) },
    }).subscribe({
      next: (event: CatalogueEvent) => {
        if (event.kind === 'done') results = event.results
        if (event.kind === 'waiting') waiting.push(event.until)
      },
      error: (error: unknown) => (failure = error),
      complete: () => (ended = true),
    })
    await runUntil(() => ended || failure !== undefined, until)
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error(JSON.stringify(failure))
    // A restart: the process goes away (its store closed), and a new one starts on the same journal.
    subscription.unsubscribe()
    await quiet()
    return ended
  }

  before(async () => {
    clock = new VirtualClock()
    sim = createSimulator({ scheduler: clock.scheduler, seed: 9 })
    dir = await fs.mkdtemp(join(tmpdir(), 'catalogue-days-'))
    waiting = []
    expect(await segment(10 * HOUR)).to.equal(false)
    expect(await segment(30 * HOUR)).to.equal(false)
    expect(await segment(4 * DAY)).to.equal(true)
  })
  after(async () => {
    await sim.close()
    await fs.rm(dir, { recursive: true, force: true })
  })

  const postTimes = (): number[] => sim.log.filter((request) => request.method === 'POST').map((request) => request.at).sort((a, b) => a - b)

  it('submitted each row once and finished every row with its image', () => {
    expect(postTimes()).to.have.length(1_200)
    expect(sim.jobIds()).to.have.length(1_200)
    expect(results).to.have.length(1_200)
    expect(results.every((result) => result.status === 'completed' && result.files.length === 1)).to.equal(true)
  })

  it('never went over 10 in any minute or 500 in any day, across the restarts: no 429', () => {
    const times = postTimes()
    for (let i = 0; i + 10 < times.length; i += 1) expect((times[i + 10] as number) - (times[i] as number)).to.be.at.least(MINUTE)
    for (let i = 0; i + 500 < times.length; i += 1) expect((times[i + 500] as number) - (times[i] as number)).to.be.at.least(DAY)
    expect(sim.log.filter((request) => request.status === 429)).to.have.length(0)
  })

  it('finished in the time the limits allow: 500, a day later 500, a day later the last 200', () => {
    const times = postTimes()
    const first = times[0] as number
    const last = times.at(-1) as number
    // The last 200 can start 48 h after the first submission and take 20 minutes at 10 a minute.
    expect(last - first).to.be.at.least(2 * DAY)
    expect(last - first).to.be.at.most(2 * DAY + 20 * MINUTE + MINUTE)
    expect(waiting.length).to.be.greaterThan(0)
    expect(waiting.every((until) => until > first)).to.equal(true)
  })
})
