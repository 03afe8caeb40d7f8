import { expect } from 'chai'
import type { ChildProcess } from 'node:child_process'
import { execFileSync, spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { asyncScheduler } from 'rxjs'
import { runCli as runInProcess } from '../../src/cli/runCli.js'
import { requireTool } from '../support/requireTool.js'
import { cliBundle, childEnv, finished, firstLine, ndjson, root, runCli, scratch, startCli } from './support/cliProcess.js'

interface Simulated {
  readonly url: string
  readonly testKey: string
  readonly liveKey: string
}

function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe('the pixii-rx CLI, as a child process against `pixii-rx simulate`', function () {
  let simulator: ChildProcess
  let sim: Simulated
  let env: Record<string, string>
  const submit = async (): Promise<string> => {
    const run = await runCli(['submit', 'listing-builder', '--asin', 'B0CHX1W1XY', '--country-code', 'US', '--listing-type', 'amazon_listing', '--json'], env)
    expect(run.code, run.stderr).to.equal(0)
    const [accepted] = ndjson(run.stdout)
    expect(accepted).to.include({ kind: 'accepted', job_type: 'Listing Builder', status: 'pending' })
    return String(accepted?.['job_id'])
  }

  before(async function () {
    await cliBundle()
    // The first submission fails, the others succeed.
    simulator = await startCli(['simulate', '--script', 'failure'])
    sim = JSON.parse(await firstLine(simulator)) as Simulated
    env = { PIXII_BASE_URL: sim.url, PIXII_API_KEY: sim.testKey }
  })

  after(async () => {
    const ended = finished(simulator)
    simulator.kill('SIGTERM')
    expect((await ended).code, 'simulate stops on SIGTERM with 130, as every command does').to.equal(130)
  })

  it('simulate prints its URL and its test and live keys as one JSON line', () => {
    expect(sim.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sim.testKey).to.match(/^pk_test_/)
    expect(sim.liveKey).to.match(/^pk_live_/)
  })

  it('a failed job: watch --json prints one JSON event per transition, then the failure, and exits 1', async () => {
    const id = await submit()
    const run = await runCli(['watch', id, '--json'], env)
    expect(run.code, run.stderr).to.equal(1)
    const events = ndjson(run.stdout)
    const statuses = events.filter((e) => e['kind'] === 'job').map((e) => e['status'])
    expect(statuses.at(-1)).to.equal('failed')
    expect(new Set(statuses).size, 'one event per transition').to.equal(statuses.length)
    const failure = events.find((e) => e['kind'] === 'error') as { error: { _tag: string; errorCode: string } } | undefined
    expect(failure?.error).to.include({ _tag: 'JobFailed', errorCode: 'GENERATION_FAILED' })
    expect(events.at(-1)).to.deep.include({ kind: 'summary', jobs: 1, completed: 0, failed: 1, exitCode: 1 })
  })

  it('a completed job: watch prints NDJSON when stdout is not a terminal, exits 0, with the image URLs as Pixii signed them', async () => {
    const id = await submit()
    const run = await runCli(['watch', id], env)
    expect(run.code, run.stderr).to.equal(0)
    const events = ndjson(run.stdout)
    for (const event of events.slice(0, -1)) expect(event).to.include({ kind: 'job', jobId: id })
    expect(events.at(-2)?.['status']).to.equal('completed')
    expect(events.at(-1)).to.deep.include({ kind: 'summary', completed: 1, failed: 0, exitCode: 0 })
    // The job is data the user asked for: its URLs keep their signature, or they could not be fetched.
    expect(run.stdout).to.match(/signature=[0-9a-f]{64}/)
    expect(run.stdout).not.to.contain('[redacted]')
  })

  it('ends quietly when its reader goes away (`pixii-rx watch … | head -1`)', async () => {
    const id = await submit()
    const child = await startCli(['watch', id], env)
    const ended = finished(child)
    await firstLine(child)
    child.stdout?.destroy()
    const run = await ended
    expect(run.code, run.stderr).to.equal(0)
    expect(run.stderr).not.to.contain('EPIPE')
  })

  it('download writes every image and a manifest, then list finds the jobs', async () => {
    const id = await submit()
    const out = scratch('download')
    const run = await runCli(['download', id, '--out', out, '--json'], env)
    expect(run.code, run.stderr).to.equal(0)
    const files = (await readdir(join(out, id))).sort()
    expect(files).to.deep.equal(['ad-01.png', 'ad-02.png', 'ad-03.png', 'ad-04.png', 'ad-05.png', 'ad-06.png', 'ad-07.png', 'manifest.json'])
    const manifest = JSON.parse(await readFile(join(out, id, 'manifest.json'), 'utf8')) as { images: unknown[]; credits: { charged: number } }
    expect(manifest.images).to.have.length(7)
    expect(manifest.credits.charged).to.be.greaterThan(0)
    const events = ndjson(run.stdout)
    expect(events.filter((e) => e['kind'] === 'image')).to.have.length(7)
    expect(events.at(-1)).to.deep.include({ kind: 'summary', images: 7, failedImages: 0, exitCode: 0 })
    // Download progress is a log: its image URLs lose their signature; the job itself keeps it.
    for (const event of events.filter((e) => e['kind'] !== 'job')) expect(JSON.stringify(event)).not.to.match(/signature=[0-9a-f]{64}/)

    const listed = await runCli(['list', '--asin', 'B0CHX1W1XY', '--limit', '2'], env)
    expect(listed.code, listed.stderr).to.equal(0)
    expect(ndjson(listed.stdout).map((job) => job['id'])).to.include(id)
  })

  it('exit codes: 3 for a refused key, 4 for network trouble past the retry budget, 2 for usage errors', async () => {
    const [refused, unreachable, unknownFlag, noOut, badAsin, noKey] = await Promise.all([
      runCli(['watch', 'job_1', '--api-key', 'pk_test_NotAKeyTheServerKnows'], env),
      runCli(['watch', 'job_1', '--base-url', 'http://127.0.0.1:1', '--max-retries', '0'], env),
      runCli(['watch', 'job_1', '--frobnicate'], env),
      runCli(['download', 'job_1'], env),
      runCli(['submit', 'a-plus', '--asin', 'B0', '--country-code', 'US', '--types', 'A+ Basic'], env),
      runCli(['watch', 'job_1']),
    ])
    expect(refused.code, refused.stderr).to.equal(3)
    expect(unreachable.code, unreachable.stderr).to.equal(4)
    expect(ndjson(unreachable.stdout).find((e) => e['kind'] === 'error')).to.have.nested.property('error._tag', 'RetriesExhausted')
    expect(unknownFlag.code).to.equal(2)
    expect(unknownFlag.stderr).to.contain("unknown option '--frobnicate'")
    expect(noOut.code).to.equal(2)
    expect(noOut.stderr).to.contain("required option '--out <dir>' not specified")
    expect(badAsin.code).to.equal(2)
    expect(badAsin.stderr).to.contain('asin')
    expect(noKey.code).to.equal(2)
    expect(noKey.stderr).to.contain('PIXII_API_KEY')
    for (const run of [refused, unreachable]) expect(run.stderr + run.stdout).not.to.contain('pk_test_NotAKeyTheServerKnows')
  })

  it('--help of every command shows examples and exits 0 (in-process)', async () => {
    for (const command of [[], ['watch'], ['list'], ['submit'], ['submit', 'listing-builder'], ['submit', 'scale'], ['submit', 'a-plus'], ['download'], ['simulate']]) {
      let out = ''
      const io = { stdout: { write: (text: string) => ((out += text), true) }, stderr: { write: () => true }, env: {}, scheduler: asyncScheduler, stop: new AbortController().signal }
      expect(await runInProcess([...command, '--help'], io), command.join(' ')).to.equal(0)
      expect(out, command.join(' ')).to.match(/Examples?( \(.*\))?:\n {2}\$ pixii-rx /)
      if (command[1] === 'scale') expect(out).to.contain('--country-code').and.contain('--scale-mode').and.contain('--items <json>')
    }
  })

  it('on a terminal (a pseudo-terminal through `script`), watch shows a live line per job and a summary', async function () {
    requireTool(this, 'terminal test', hasScript() ? undefined : '`script` (util-linux) is not installed, so no pseudo-terminal can be made')
    const id = await submit()
    const command = [process.execPath, await cliBundle(), 'watch', id].map((part) => `'${part}'`).join(' ')
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
    const run = await finished(child)
    expect(run.code, run.stderr).to.equal(0)
    const screen = run.stdout
    expect(screen).to.contain('\u001b[?25l', 'hides the cursor while it redraws')
    expect(screen).to.contain('\u001b[1A', 'redraws in place (cursor up)')
    expect(screen).to.match(new RegExp(`✔ ${id}  Listing Builder\\s+completed`))
    expect(screen).to.contain('1 job: 1 completed, 0 failed')
    expect(screen).not.to.contain('{"kind"', 'no JSON on a terminal')
  })
})
