import { expect } from 'chai'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { Redis } from 'ioredis'
import { lastValueFrom, tap } from 'rxjs'
import { rowOf, runCatalogue$, type CatalogueEvent, type CatalogueRow, type CatalogueStore } from '../../src/catalogue/index.js'
import { isPixiiError } from '../../src/index.js'
import { createRedisStore, type RedisLimiterState } from '../../src/redis/index.js'
import { startSimulator } from '../../src/testing/index.js'
import { redisServerMissing, startRedisServer, type RedisServer } from '../support/redisServer.js'
import { requireTool } from '../support/requireTool.js'
import { catalogueRows } from './catalogueRows.js'

const worker = new URL('./catalogueWorker.ts', import.meta.url).pathname
let catalogues = 0
const catalogueName = (): string => `catalogue-${process.pid}-${(catalogues += 1)}`

/** Every file under `dir`, relative. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1)).sort()
}

describe('createRedisStore', function () {
  it('refuses bad options at once, naming each', () => {
    let error: unknown
    try {
      createRedisStore({ redis: 'http://127.0.0.1:6379', catalogue: 'no spaces', organisation: '' })
    } catch (caught) {
      error = caught
    }
    expect(isPixiiError(error, 'Validation')).to.equal(true)
    for (const field of ['redis', 'catalogue', 'organisation']) expect((error as Error).message).to.include(`${field}: `)
  })

  describe('against a real redis-server and the simulator over HTTP', function () {
    let server: RedisServer
    let simulator: Awaited<ReturnType<typeof startSimulator>>
    let out: string
    let redis: Redis
    const children: ChildProcess[] = []

    // Every wait is on an event; the margin is for a loaded machine.
    this.timeout(60_000)
    before(async function () {
      requireTool(this, 'redis-server', redisServerMissing())
      server = await startRedisServer()
      redis = new Redis(server.url)
    })
    beforeEach(async () => {
      simulator = await startSimulator({ rateLimits: { perMinute: 1_000, perDay: 10_000 } })
      out = await mkdtemp(join(tmpdir(), 'pixii-rx-shared-'))
    })
    afterEach(async () => {
      for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await simulator.close()
      await rm(out, { recursive: true, force: true })
    })
    after(async () => {
      redis?.disconnect()
      await server?.stop()
    })

    /** What the store of `catalogue` holds, entry by entry. */
    const storedOf = async (catalogue: string) =>
      (await redis.lrange(`pixii-rx:catalogue:{${catalogue}}:entries`, 0, -1)).map((raw) => JSON.parse(raw) as { w: string; e: { kind: string; row: string; adIndex?: number; adopted?: boolean } })
    const entriesOf = async (catalogue: string) => (await storedOf(catalogue)).map((stored) => stored.e)
    const run = (store: CatalogueStore, rows: number, leaseMs = 2_000) =>
      lastValueFrom(runCatalogue$(catalogueRows(rows), { store, client: { apiKey: simulator.testKey, baseUrl: simulator.url, rateLimits: { perMinute: 1_000, perDay: 10_000 } }, out, concurrency: 3, leaseMs, settleMs: 0 }))

    /** Every row submitted once, accepted once, finished once, each image recorded once and on disk once. */
    async function expectOnce(catalogue: string, rows: number): Promise<void> {
      const entries = await entriesOf(catalogue)
      const count = (kind: string) => new Set(entries.filter((entry) => entry.kind === kind).map((entry) => entry.row)).size
      expect(simulator.jobIds(), 'jobs created on the simulator').to.have.length(rows)
      expect(entries.filter((entry) => entry.kind === 'accepted'), 'accepted entries').to.have.length(rows)
      expect(count('finished'), 'rows finished').to.equal(rows)
      const images = entries.filter((entry) => entry.kind === 'image').map((entry) => `${entry.row}#${entry.adIndex}`)
      expect(new Set(images).size, 'each image recorded once').to.equal(images.length)
      expect((await filesUnder(out)).filter((file) => !file.endsWith('.json')), 'images on disk').to.have.length(images.length)
    }

    it('runs one catalogue with two workers at once: every row submitted once, every image written once', async () => {
      const catalogue = catalogueName()
      const [first, second] = await Promise.all([run(createRedisStore({ redis: server.url, catalogue }), 9), run(createRedisStore({ redis: server.url, catalogue }), 9)])
      expect([first.kind, second.kind]).to.deep.equal(['done', 'done'])
      await expectOnce(catalogue, 9)
    })

    // SIGSTOP keeps the connection open: only the unanswered commands tell. The run must say so
    // (its limiter events), wait, and go on at SIGCONT, every row once.
    it('pauses a run while Redis stops answering with the connection open, says so, and finishes when it answers again', async () => {
      const catalogue = catalogueName()
      let frozen: Promise<void> | undefined
      let thawed: Promise<void> | undefined
      const seen: string[] = []
      const result = await lastValueFrom(
        runCatalogue$(catalogueRows(6), {
          store: createRedisStore({ redis: server.url, catalogue, answerTimeoutMs: 300 }),
          client: { apiKey: simulator.testKey, baseUrl: simulator.url, rateLimits: { perMinute: 1_000, perDay: 10_000 } },
          out, concurrency: 3, leaseMs: 2_000, settleMs: 0,
        }).pipe(
          tap((event: CatalogueEvent) => {
            if (event.kind === 'accepted' && frozen === undefined) frozen = server.freeze()
            if (event.kind !== 'limiter' || frozen === undefined) return
            const { redis } = event.state as RedisLimiterState
            seen.push(redis.message ?? 'reachable')
            if (!redis.reachable) thawed ??= frozen.then(() => server.thaw())
          }),
        ),
      )
      await thawed
      expect(result.kind).to.equal('done')
      // Told once it went quiet, then told it was back.
      const quiet = seen.indexOf(`Redis at 127.0.0.1:${server.port} unreachable (no answer in 300 ms: stopped, overloaded or cut off): submissions paused until it answers`)
      expect(quiet, seen.join(' | ')).to.be.at.least(0)
      expect(seen.slice(quiet + 1), seen.join(' | ')).to.include('reachable')
      await expectOnce(catalogue, 6)
    })

    // Were two workers to submit rows of one ASIN at once, a worker taking over one of them after
    // a kill could not tell the two jobs apart in the ASIN's listing: the fleet sends one at a time.
    it('never lets two workers submit rows of one ASIN and job type at once', async () => {
      const catalogue = catalogueName()
      const asin = 'B0CHX1W777'
      const [basic, premium] = (['A+ Basic', 'A+ Premium'] as const).map((type) => rowOf({ kind: 'aPlus', request: { asin, country_code: 'US', types: [type] } }))
      // Each worker starts with a different row of the ASIN; each POST is answered 1.5 s late.
      simulator.faults.inject({ kind: 'latency', ms: 1_500 }, { times: 2, match: { method: 'POST' } })
      const client = { apiKey: simulator.testKey, baseUrl: simulator.url, rateLimits: { perMinute: 1_000, perDay: 10_000 } }
      const worker = (rows: CatalogueRow[]) => lastValueFrom(runCatalogue$(rows, { store: createRedisStore({ redis: server.url, catalogue }), client, out, concurrency: 1, leaseMs: 2_000, settleMs: 0 }))
      const ran = await Promise.all([worker([basic as CatalogueRow, premium as CatalogueRow]), worker([premium as CatalogueRow, basic as CatalogueRow])])
      expect(ran.map((event) => event.kind)).to.deep.equal(['done', 'done'])
      const [first, second] = simulator.log.filter((request) => request.method === 'POST')
      expect(simulator.jobIds()).to.have.length(2)
      // The second POST of the ASIN left only once the first was answered.
      expect(second?.at).to.be.at.least(first?.finishedAt as number)
      await expectOnce(catalogue, 2)
    })

    it('gives the rows of a worker killed with SIGKILL mid-run to another when their leases lapse', async () => {
      const catalogue = catalogueName()
      const child = spawn(process.execPath, ['--import', 'tsx/esm', worker], {
        env: { ...process.env, REDIS_URL: server.url, CATALOGUE: catalogue, SIM_URL: simulator.url, KEY: simulator.testKey, OUT: out, ROWS: '8', LEASE_MS: '600' },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      children.push(child)
      const events: Array<{ kind: CatalogueEvent['kind'] }> = []
      // Killed as its third POST is about to leave: the intents are recorded, answers may be lost.
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          events.push(JSON.parse(line) as { kind: CatalogueEvent['kind'] })
          if (events.filter((event) => event.kind === 'submitting').length === 3) resolve()
        })
        child.once('exit', (code) => reject(new Error(`the worker ended (${code}) before its third submission`)))
      })
      child.kill('SIGKILL')
      const result = await run(createRedisStore({ redis: server.url, catalogue }), 8, 600)
      expect(result.kind).to.equal('done')
      await expectOnce(catalogue, 8)
      // The dead worker's rows were taken over: rows it sent (an intent) were finished by the other.
      const stored = await storedOf(catalogue)
      const writerOf = (kind: string) => new Map(stored.filter((s) => s.e.kind === kind).map((s) => [s.e.row, s.w]))
      const intents = writerOf('intent')
      const finished = writerOf('finished')
      const takenOver = [...intents].filter(([row, writer]) => finished.get(row) !== writer)
      console.log(`      (${intents.size} rows sent, ${takenOver.length} of them sent by the killed worker and finished by the other; ${stored.filter((s) => s.e.adopted === true).length} adopted from the listing)`)
      expect(takenOver.length).to.be.at.least(1)
    })
  })
})
