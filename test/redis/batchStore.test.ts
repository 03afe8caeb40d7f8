import { expect } from 'chai'
import * as fs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { asyncScheduler } from 'rxjs'
import { runCli } from '../../src/cli/runCli.js'
import { startSimulator, type Simulator } from '../../src/testing/index.js'
import { redisServerMissing, startRedisServer, type RedisServer } from '../support/redisServer.js'
import { requireTool } from '../support/requireTool.js'

describe('pixii-rx batch --store redis:// (in process, real redis-server, simulator over HTTP)', function () {
  let server: RedisServer
  let sim: Simulator
  let dir: string
  const batch = async (args: string[]): Promise<{ code: number; stderr: string; lines: Array<Record<string, unknown>> }> => {
    let stdout = ''
    let stderr = ''
    const io = {
      stdout: { write: (text: string) => ((stdout += text), true) },
      stderr: { write: (text: string) => ((stderr += text), true) },
      env: { PIXII_API_KEY: sim.testKey, PIXII_BASE_URL: sim.url as string },
      scheduler: asyncScheduler,
      stop: new AbortController().signal,
    }
    const code = await runCli(['batch', ...args], io)
    return { code, stderr, lines: stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>) }
  }

  // Every wait is on an event; the margin is for a loaded machine.
  this.timeout(60_000)
  before(async function () {
    requireTool(this, 'redis-server', redisServerMissing())
    server = await startRedisServer()
  })
  beforeEach(async () => {
    sim = await startSimulator({ seed: 11 })
    dir = await fs.mkdtemp(join(tmpdir(), 'batch-redis-'))
  })
  afterEach(async () => {
    await sim?.close()
    await fs.rm(dir, { recursive: true, force: true })
  })
  after(async () => {
    await server?.stop()
  })

  it('runs one catalogue with three workers at once: each row submitted once, no 429, every worker ends 0', async () => {
    const rows = join(dir, 'spring.csv')
    const asins = Array.from({ length: 9 }, (_, n) => `B0CHX2W${String(n).padStart(3, '0')}`)
    await fs.writeFile(rows, ['kind,id,asin,country_code,listing_type,types', ...asins.map((asin, n) => `a-plus,sku-${n},${asin},US,,A+ Basic`), ''].join('\n'))
    const worker = (n: number) =>
      batch([rows, '--store', server.url, '--out', join(dir, 'out'), '--results', join(dir, `results-${n}.ndjson`), '--concurrency', '2', '--json'])
    const ran = await Promise.all([worker(1), worker(2), worker(3)])
    expect(ran.map((r) => r.code), ran.map((r) => r.stderr).join('')).to.deep.equal([0, 0, 0])
    const posts = sim.log.filter((request) => request.method === 'POST')
    expect(posts.filter((request) => request.status === 429), 'answered 429').to.have.length(0)
    expect(sim.jobIds(), 'jobs on the simulator').to.have.length(9)
    // Each row was submitted by exactly one worker.
    const submitting = ran.flatMap((r) => r.lines.filter((line) => line['kind'] === 'submitting').map((line) => line['row']))
    expect(new Set(submitting).size).to.equal(9)
    expect(submitting).to.have.length(9)
  })

  it('refuses --journal with --store, and neither, before anything is sent', async () => {
    const rows = join(dir, 'rows.csv')
    await fs.writeFile(rows, 'kind,id,asin,country_code,listing_type,types\na-plus,sku-1,B0CHX2W001,US,,A+ Basic\n')
    const both = await batch([rows, '--store', server.url, '--journal', join(dir, 'j'), '--out', join(dir, 'out')])
    const neither = await batch([rows, '--out', join(dir, 'out')])
    const wrong = await batch([rows, '--store', 'http://127.0.0.1:6379', '--out', join(dir, 'out')])
    for (const ran of [both, neither]) expect([ran.code, ran.stderr]).to.deep.equal([2, 'pixii-rx: Give --journal <path> (one machine) or --store redis://… (several workers), not both and not neither\n'])
    expect(wrong.stderr).to.equal('pixii-rx: --store: expected a redis:// or rediss:// URL\n')
    expect(sim.log.filter((request) => request.method === 'POST')).to.have.length(0)
  })
})
