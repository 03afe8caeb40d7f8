// The CLI as a person uses it every day, in a pipe and in-process: signals, the rate limit with
// --max-wait, --interval, usable --json output, the key from a file or stdin, and the help.
// Child processes against a hostile server of our own; the rate limit and --interval in virtual
// time (VirtualClock), so that request counts are exact and nothing waits on the wall clock.
import { expect } from 'chai'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { asyncScheduler } from 'rxjs'
import { runCli as runInProcess } from '../../src/cli/runCli.js'
import type { CliIo } from '../../src/cli/CliIo.js'
import { jobBody, startHostileServer, type HostileServer } from '../support/hostileServer.js'
import { VirtualClock } from '../support/virtualTime.js'
import { cliBundle, finished, ndjson, runCli, scratch, startCli, untilOutput } from './support/cliProcess.js'
import { hangingAsin, signedUrl, startCliServer } from './support/cliServer.js'

const submitArgs = (asin: string) => ['submit', 'listing-builder', '--asin', asin, '--country-code', 'US', '--listing-type', 'amazon_listing']

interface InProcess {
  readonly code: Promise<number>
  readonly stdout: () => string
  readonly stderr: () => string
  readonly stop: AbortController
}

/** Runs the CLI in this process, on `clock` when given (its requests then go through `clock.track`). */
function inProcess(args: readonly string[], env: Record<string, string | undefined>, options: { clock?: VirtualClock; stdin?: CliIo['stdin'] } = {}): InProcess {
  let out = ''
  let err = ''
  const stop = new AbortController()
  const io: CliIo = {
    stdout: { write: (text) => ((out += text), true) },
    stderr: { write: (text) => ((err += text), true) },
    env,
    scheduler: options.clock?.scheduler ?? asyncScheduler,
    stop: stop.signal,
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    ...(options.clock === undefined ? {} : { fetch: options.clock.track(globalThis.fetch) }),
  }
  return { code: runInProcess(args, io), stdout: () => out, stderr: () => err, stop }
}


/** Advances `clock` a second at a time until `run` has ended (at most `limitMs` of virtual time). */
async function runToEnd(clock: VirtualClock, run: InProcess, limitMs = 3_600_000): Promise<number> {
  let settled: number | undefined
  void run.code.then((code) => (settled = code))
  for (let waited = 0; settled === undefined && waited <= limitMs; waited += 1_000) await clock.advance(1_000)
  await clock.settle()
  if (settled === undefined) throw new Error(`still running after ${limitMs} ms of virtual time: ${run.stderr()}`)
  return settled
}

describe('the pixii-rx CLI as a daily tool', function () {
  this.timeout(60_000) // child processes, bundled once; nothing is timed
  let server: HostileServer
  let env: Record<string, string>

  before(async () => {
    await cliBundle()
    server = await startCliServer()
    env = { PIXII_BASE_URL: server.url, PIXII_API_KEY: 'pk_test_daily' }
  })
  after(async () => server.close())

  describe('SIGINT and SIGTERM in a pipe', () => {
    const stoppable: ReadonlyArray<{ name: string; args: () => string[]; stream: 'stdout' | 'stderr'; ready: RegExp }> = [
      { name: 'watch', args: () => ['watch', 'job_slow', 'job_ok'], stream: 'stdout', ready: /"status":"processing"/ },
      { name: 'download', args: () => ['download', 'job_slow', '--out', scratch('pipe-stop')], stream: 'stdout', ready: /"status":"processing"/ },
      { name: 'list', args: () => ['list', '--asin', 'B0CHX1W1XY', '--limit', '2'], stream: 'stdout', ready: /job_listed_2/ },
      { name: 'submit', args: () => submitArgs('B0CHX1W1XY'), stream: 'stderr', ready: /429 Too Many Requests/ },
      { name: 'simulate', args: () => ['simulate'], stream: 'stdout', ready: /"kind":"simulator"/ },
    ]
    for (const { name, args, stream, ready } of stoppable) {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        it(`${name}: ${signal} ends it with exit code 130, as on a terminal`, async () => {
          const child = await startCli(args(), env)
          const ended = finished(child)
          await untilOutput(child, stream, ready)
          child.kill(signal)
          const run = await ended
          expect([run.code, run.signal], run.stderr).to.deep.equal([130, null])
          if (name === 'watch' || name === 'download') {
            expect(ndjson(run.stdout).at(-1)).to.deep.include({ kind: 'summary', exitCode: 130, interrupted: true }).and.to.have.nested.property('statuses.job_slow', 'processing')
          }
          if (name === 'submit') expect(run.stderr).to.contain('nothing was submitted')
        })
      }
    }

    it('a second SIGTERM quits at once while a submission waits for an answer that never comes', async () => {
      const before = server.count('/v1/api/listing_builder')
      const child = await startCli(submitArgs(hangingAsin), env)
      const ended = finished(child)
      await server.untilRequests(server.requests.length + 1)
      expect(server.count('/v1/api/listing_builder')).to.equal(before + 1)
      child.kill('SIGTERM')
      await untilOutput(child, 'stderr', /stopping once Pixii answers/)
      child.kill('SIGTERM')
      const run = await ended
      expect([run.code, run.signal]).to.deep.equal([130, null])
      expect(run.stderr).to.contain('SIGTERM again, quitting at once')
    })
  })

  describe('submit against a server that keeps answering 429 (Retry-After 1), in virtual time', () => {
    it('says why and until when it waits, gives up after --max-wait with exit code 6, and sends a bounded number of POSTs', async () => {
      const clock = new VirtualClock()
      const before = server.count('/v1/api/listing_builder')
      const run = inProcess([...submitArgs('B0CHX1W1XY'), '--max-wait', '10s'], env, { clock })
      expect(await runToEnd(clock, run)).to.equal(6)
      const posts = server.count('/v1/api/listing_builder') - before
      const lines = run.stderr().trim().split('\n')
      // Told at the 1st, 2nd, 4th and 8th 429, then the verdict.
      expect(lines.slice(0, -1)).to.have.length(4)
      expect(lines[0]).to.match(/^pixii-rx: Pixii answered 429 Too Many Requests: waiting, next try at 00:00:01 UTC \(in 1s\); giving up at 00:00:10 UTC \(--max-wait\)$/)
      expect(lines[3]).to.match(/^pixii-rx: Pixii answered 429 Too Many Requests \(8 times so far\): waiting, next try at /)
      expect(lines.at(-1)).to.equal(`pixii-rx: gave up after waiting 10s (--max-wait): Pixii answered 429 Too Many Requests ${posts} times. Nothing was submitted; try again later.`)
      expect(posts).to.equal(10)
      expect(run.stdout()).to.equal('')
    })

    it('stops waiting at once when stopped (SIGTERM), exit code 130, and sends nothing more', async () => {
      const clock = new VirtualClock()
      const run = inProcess([...submitArgs('B0CHX1W1XY'), '--max-wait', 'off'], env, { clock })
      const before = server.count('/v1/api/listing_builder')
      await clock.advance(3_000)
      run.stop.abort()
      expect(await runToEnd(clock, run)).to.equal(130)
      const sent = server.count('/v1/api/listing_builder')
      await clock.advance(10_000)
      expect(server.count('/v1/api/listing_builder'), 'no POST after the stop').to.equal(sent)
      expect(sent - before).to.be.greaterThan(0)
      expect(run.stderr()).to.contain('stopped (interrupted) before the submission was accepted: nothing was submitted')
    })
  })

  it('watch --interval 2s polls every 2 s (virtual time): 4 polls before a --timeout of 7s', async () => {
    const clock = new VirtualClock()
    const before = server.count('/v1/api/jobs/job_slow')
    const run = inProcess(['watch', 'job_slow', '--interval', '2s', '--timeout', '7s', '--json'], env, { clock })
    expect(await runToEnd(clock, run)).to.equal(5)
    expect(server.count('/v1/api/jobs/job_slow') - before).to.equal(4)
    const bad = await runCli(['watch', 'job_slow', '--interval', '200ms'], env)
    expect(bad.code).to.equal(2)
    expect(bad.stderr).to.contain('expected a duration of at least 1s')
  })

  describe('--json', () => {
    it("prints each job as Pixii sent it, signatures intact, while the errors' URLs stay redacted", async () => {
      // Its jobs' images are on itself, where they are refused as expired.
      const images = await startHostileServer(({ url, headers }) => {
        const id = /^\/v1\/api\/jobs\/([^/]+)$/.exec(url.pathname)?.[1]
        if (id === undefined) return { status: 403, body: 'expired' }
        const preview = `http://${headers.host ?? ''}/img/1.png?expires=1790000000&signature=${'cd'.repeat(32)}`
        return { body: jobBody({ id, output: { ads: [{ preview_url: preview, error: null }, { preview_url: null, error: { code: 'CONTENT_POLICY', message: 'no' } }] } }) }
      })
      try {
        const watched = await runCli(['watch', 'job_partial', 'job_ok', '--json'], env)
        expect(watched.code, watched.stderr).to.equal(0)
        const completed = ndjson(watched.stdout).filter((event) => event['kind'] === 'job') as Array<{ job: { output: { ads: Array<{ preview_url: string | null }> } } }>
        expect(completed.flatMap((event) => event.job.output.ads.map((ad) => ad.preview_url)).filter((url) => url !== null)).to.include(signedUrl(1))
        expect(ndjson(watched.stdout).at(-1)).to.deep.include({ kind: 'summary', completed: 2, partial: 1, failed: 0 })

        const downloaded = await runCli(['download', 'job_img', '--out', scratch('json'), '--json'], { PIXII_BASE_URL: images.url, PIXII_API_KEY: 'pk_test_daily' })
        expect(downloaded.code).to.equal(1)
        const events = ndjson(downloaded.stdout)
        const job = events.find((event) => event['kind'] === 'job' && event['status'] === 'completed')
        expect(JSON.stringify(job)).to.contain(`signature=${'cd'.repeat(32)}`)
        const failed = events.filter((event) => event['kind'] === 'image-failed')
        expect(failed, JSON.stringify(failed)).to.have.length(1)
        expect(JSON.stringify(failed)).to.contain('/img/1.png').and.not.contain('cd'.repeat(32))
        expect(downloaded.stderr).not.to.contain('cd'.repeat(32))
      } finally {
        await images.close()
      }
    })
  })

  describe('the key from a file or standard input', () => {
    let keyed: HostileServer
    before(async () => {
      // Echoes the Authorization header in the job, as a hostile server might; 401 for other keys.
      keyed = await startHostileServer(({ headers }) =>
        headers.authorization === 'Bearer sk-odd-shaped-secret-42'
          ? { body: jobBody({ id: 'job_key', output: { ads: [{ preview_url: `https://img.pixii.test/1.png?note=${headers.authorization}`, error: null }] } }) }
          : { status: 401, body: { code: 'UNAUTHORIZED', message: `bad key ${headers.authorization ?? ''}` } },
      )
    })
    after(async () => keyed.close())
    const base = () => ({ PIXII_BASE_URL: keyed.url })

    it('--api-key-file reads the first line of a file; the key, whatever its shape, is never printed', async () => {
      const file = join(scratch('key'), 'pixii.key')
      await writeFile(file, 'sk-odd-shaped-secret-42\n# a comment line after the key\n')
      const before = keyed.count()
      const run = await runCli(['watch', 'job_key', '--api-key-file', file, '--json'], base())
      expect(run.code, run.stderr).to.equal(0)
      expect(keyed.requests.slice(before).map((request) => request.headers.authorization)).to.deep.equal(['Bearer sk-odd-shaped-secret-42'])
      expect(run.stdout + run.stderr).not.to.contain('sk-odd-shaped-secret-42')
      expect(run.stdout).to.contain('Bearer [redacted]')
    })

    it('--api-key-stdin reads it from a pipe; a terminal, an empty input or two ways at once are usage errors', async () => {
      const before = keyed.count()
      const piped = inProcess(['watch', 'job_key', '--api-key-stdin', '--json'], base(), { stdin: Readable.from(['sk-odd-shaped-', 'secret-42\n']) })
      expect(await piped.code, piped.stderr()).to.equal(0)
      expect(keyed.requests.slice(before).map((request) => request.headers.authorization)).to.deep.equal(['Bearer sk-odd-shaped-secret-42'])
      const tty = Object.assign(Readable.from(['sk-odd-shaped-secret-42\n']), { isTTY: true })
      const refused = [
        inProcess(['watch', 'job_key', '--api-key-stdin'], base(), { stdin: tty }),
        inProcess(['watch', 'job_key', '--api-key-stdin'], base(), { stdin: Readable.from(['\n  \n']) }),
        inProcess(['watch', 'job_key', '--api-key-stdin', '--api-key-file', '/etc/hostname'], base(), { stdin: Readable.from(['x\n']) }),
      ]
      expect(await Promise.all(refused.map((run) => run.code))).to.deep.equal([2, 2, 2])
      expect(refused[0]?.stderr()).to.contain('--api-key-stdin reads a pipe or a file')
      expect(refused[1]?.stderr()).to.contain('--api-key-stdin: standard input held no API key')
      expect(refused[2]?.stderr()).to.contain('pass the key one way only, not --api-key-file and --api-key-stdin')
      expect(keyed.count(), 'no request for a key known to be missing').to.equal(before + 1)
    })

    it('a key file that is missing or empty is a usage error naming the file, before any request', async () => {
      const empty = join(scratch('key'), 'empty.key')
      await writeFile(empty, '\n\n')
      const before = keyed.count()
      const [missing, blank] = await Promise.all([
        runCli(['watch', 'job_key', '--api-key-file', '/nowhere/pixii.key'], base()),
        runCli(['watch', 'job_key', '--api-key-file', empty], { ...base(), PIXII_API_KEY: 'pk_test_envIsNotUsedWhenAFlagSaysOtherwise' }),
      ])
      expect([missing.code, blank.code]).to.deep.equal([2, 2])
      expect(missing.stderr).to.contain('--api-key-file: cannot read /nowhere/pixii.key (no such file)')
      expect(blank.stderr).to.contain(`--api-key-file: ${empty} is empty`)
      expect(keyed.count()).to.equal(before)
    })

    it('a refused key is never printed, even when the server echoes it', async () => {
      const run = await runCli(['watch', 'job_key', '--json'], { ...base(), PIXII_API_KEY: 'pk_test_refusedKey123' })
      expect(run.code).to.equal(3)
      expect(run.stdout + run.stderr).not.to.contain('refusedKey123')
    })
  })

  describe('help', () => {
    const help = async (...command: string[]): Promise<string> => {
      const run = inProcess([...command, '--help'], {})
      expect(await run.code).to.equal(0)
      return run.stdout()
    }

    it('names exit code 130 for every command, 6 for submit, and recommends the key file or stdin', async () => {
      for (const command of [[], ['watch'], ['list'], ['download'], ['submit', 'scale'], ['simulate']]) {
        expect(await help(...command), command.join(' ')).to.match(/130|exits 130/)
      }
      const submit = await help('submit', 'listing-builder')
      expect(submit).to.contain('6 gave up waiting for the rate limit (--max-wait)').and.contain('--max-wait <duration>')
      expect(submit.replace(/\s+/g, ' ')).to.contain('--api-key <key> the API key itself: visible in ps and shell history, prefer the two above or $PIXII_API_KEY')
    })

    it('says "Submit an A+ content job", and --json of submit says what it prints', async () => {
      expect(await help('submit', 'a-plus')).to.contain('Submit an A+ content job').and.not.contain('a a-plus')
      expect(await help('submit', 'scale')).to.match(/--json\s+print the accepted answer as one JSON line/)
    })

    it('an invalid enum value lists the valid ones, before any request', async () => {
      const before = server.count()
      const runs = await Promise.all([
        runCli(['submit', 'listing-builder', '--asin', 'B0CHX1W1XY', '--country-code', 'US', '--listing-type', 'amazon'], env),
        runCli(['submit', 'a-plus', '--asin', 'B0CHX1W1XY', '--country-code', 'US', '--types', 'A+ Basic', 'A+ Deluxe'], env),
      ])
      expect(runs.map((run) => run.code)).to.deep.equal([2, 2])
      expect(runs[0]?.stderr).to.contain("argument 'amazon' is invalid. Allowed choices are amazon_listing, amazon_main_images, amazon_mobile_listing, shopify_listing, tiktok_listing.")
      expect(runs[1]?.stderr).to.contain("argument 'A+ Deluxe' is invalid. Allowed choices are A+ Basic, A+ Premium, A+ Premium Mobile.")
      expect(server.count()).to.equal(before)
    })
  })
})
