// `pixii-rx batch` on a disk that is really full: the kernel answers ENOSPC. Without root, a
// user namespace of our own (`unshare --user --map-root-user --mount`) mounts a 8 KiB tmpfs over
// the --out folder for the child only, and a filler leaves one page free: the first job's files
// get the page, the next write into the folder fails with ENOSPC from the kernel. The journal is
// on the ordinary disk. When the child ends, its mount goes with it and the same --out folder is
// the ordinary one again: the user has "made room", and the same command goes on.
import { expect } from 'chai'
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createJournalStore } from '../../src/catalogue/index.js'
import { startSimulator, type Simulator } from '../../src/testing/index.js'
import { requireTool } from '../support/requireTool.js'
import { childEnv, cliBundle, finished, runCli, scratch } from '../cli/support/cliProcess.js'

function namespacesMissing(): string | undefined {
  try {
    execFileSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs -o size=4k tmpfs /mnt || mount -t tmpfs -o size=4k tmpfs /tmp'], { stdio: 'ignore' })
    return undefined
  } catch {
    return 'unshare cannot make a user namespace that mounts a tmpfs (util-linux missing, or unprivileged user namespaces are off)'
  }
}

describe('pixii-rx batch on a full disk (ENOSPC from the kernel, in a user namespace)', function () {
  this.timeout(60_000)
  let sim: Simulator & { url: string }
  before(async function () {
    requireTool(this, 'full-disk test', namespacesMissing())
    await cliBundle()
    sim = await startSimulator({ seed: 8 })
  })
  after(async () => sim?.close())

  it('exits 8 naming the file and the full disk; the journal keeps every job; the same command then finishes without paying twice', async () => {
    const dir = scratch('full-disk')
    const out = join(dir, 'out')
    await mkdir(out)
    const rows = join(dir, 'rows.ndjson')
    const asins = ['B0FULL0001', 'B0FULL0002', 'B0FULL0003', 'B0FULL0004']
    await writeFile(rows, asins.map((asin, index) => `${JSON.stringify({ kind: 'a-plus', id: `sku-${index}`, asin, country_code: 'US', types: ['A+ Basic'] })}\n`).join(''))
    const journal = join(dir, 'run.journal')
    const batch = ['batch', rows, '--journal', journal, '--out', out, '--base-url', sim.url, '--api-key', sim.testKey]
    const mountFull = 'mount -t tmpfs -o size=8k tmpfs "$1" && head -c 4096 /dev/zero > "$1/filler" && shift && exec "$@"'
    const child = spawn('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', mountFull, 'sh', out, process.execPath, await cliBundle(), ...batch], { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    const full = await finished(child)

    expect(full.code, full.stderr).to.equal(8)
    expect(full.stderr).to.match(new RegExp(`^pixii-rx: Cannot write ${out}/job_\\w+/\\S+: ENOSPC: no space left on device`))
    expect(full.stderr).to.contain('The disk is full. What this run did is in the journal: make room and run the same command again to go on')
    expect(full.stderr).not.to.match(/unexpected|at .*\.js:\d+/)
    const posted = sim.log.filter((request) => request.method === 'POST').length
    expect(posted).to.be.within(1, 4)

    // Every job the simulator created for these rows is in the journal, with its row.
    const store = createJournalStore(journal)
    const { entries } = await store.open()
    await store.close()
    const recorded = new Set(entries.flatMap((entry) => (entry.kind === 'accepted' ? [entry.jobId] : [])))
    expect([...recorded].sort()).to.deep.equal([...sim.jobIds()].sort())

    // Room again (the tmpfs went with the child): the same command finishes, and nothing is sent twice.
    const again = await runCli(batch.concat('--json'))
    expect(again.code, again.stderr).to.equal(0)
    expect(sim.log.filter((request) => request.method === 'POST').length - posted, 'new POSTs are only for rows never sent').to.equal(4 - posted)
    expect(sim.ledger().jobs.map((job) => job.asin).sort()).to.deep.equal(asins)
    const results = (await readFile(join(out, 'results.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { status: string; files: string[] })
    expect(results.map((result) => result.status)).to.deep.equal(['completed', 'completed', 'completed', 'completed'])
    const hashes = new Map<string, string>(sim.ledger().jobs.flatMap((job) => job.images.flatMap((image) => (image === null ? [] : [[`${job.id}/ad-${String(image.ad).padStart(2, '0')}.png`, image.sha256] as const]))))
    for (const file of results.flatMap((result) => result.files)) {
      expect(createHash('sha256').update(await readFile(join(out, file))).digest('hex'), file).to.equal(hashes.get(file))
    }
  })
})
