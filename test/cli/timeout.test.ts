// `--timeout` of the commands that watch, against a hostile server of our own whose jobs stay
// `processing` forever. Real processes, so real time: a tiny timeout, and only the exit code and
// what is printed are asserted, never how long it took.
import { expect } from 'chai'
import { asyncScheduler } from 'rxjs'
import { runCli as runInProcess } from '../../src/cli/runCli.js'
import { jobBody, startHostileServer, type HostileServer } from '../support/hostileServer.js'
import { cliBundle, ndjson, runCli, scratch } from './support/cliProcess.js'

const processing = (id: string) => jobBody({ id, status: 'processing', completed_at: null, credits_refunded: 0, output: null })

describe('the pixii-rx CLI --timeout, against a server whose jobs never finish', function () {
  let host: HostileServer
  let env: Record<string, string>

  before(async function () {
    await cliBundle()
    host = await startHostileServer((request) => {
      const id = /^\/v1\/api\/jobs\/([^/]+)$/.exec(request.url.pathname)?.[1]
      return id === undefined ? undefined : { body: processing(decodeURIComponent(id)) }
    })
    env = { PIXII_BASE_URL: host.url, PIXII_API_KEY: 'pk_test_timeout' }
  })

  after(async () => host.close())

  for (const command of [['watch', 'job_stuck'], ['download', 'job_stuck', '--out']]) {
    it(`${command[0]} --timeout 1s exits 5 with a Timeout that says the job may still finish`, async () => {
      const args = command[0] === 'download' ? [...command, scratch('timeout')] : command
      const run = await runCli([...args, '--timeout', '1s', '--json'], env)
      expect(run.code, run.stderr).to.equal(5)
      const error = ndjson(run.stdout).find((event) => event['kind'] === 'error') as { error?: Record<string, unknown> } | undefined
      expect(error?.error).to.include({ _tag: 'Timeout', deadline: 'total', ms: 1_000 })
      expect(String(error?.error?.['message'])).to.equal(
        "Job job_stuck not finished within 1 s (last seen processing); it may still finish on Pixii: look again with getJob('job_stuck') or watchJob$('job_stuck')",
      )
    })
  }

  it('a bad --timeout is a usage error naming the option, before any request', async () => {
    const before = host.count()
    const runs = await Promise.all([runCli(['watch', 'job_stuck', '--timeout', 'soon'], env), runCli(['watch', 'job_stuck', '--timeout', '-3s'], env)])
    for (const run of runs) {
      expect(run.code).to.equal(2)
      expect(run.stderr).to.contain("option '--timeout <duration>' argument")
      expect(run.stderr).to.contain('expected a duration such as 90s, 30m or 1h')
    }
    expect(host.count()).to.equal(before)
  })

  it('--help of watch, download and submit documents --timeout, and watch its exit code (in-process)', async () => {
    for (const command of [['watch'], ['download'], ['submit', 'scale']]) {
      let out = ''
      const io = { stdout: { write: (text: string) => ((out += text), true) }, stderr: { write: () => true }, env: {}, scheduler: asyncScheduler, stop: new AbortController().signal }
      expect(await runInProcess([...command, '--help'], io)).to.equal(0)
      expect(out, command.join(' ')).to.contain('--timeout <duration>')
      if (command[0] === 'watch') expect(out).to.contain('5 a watch passed --timeout')
    }
  })
})
