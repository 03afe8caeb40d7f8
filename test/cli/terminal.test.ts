// The CLI on a real terminal (tmux, see support/tmuxTerminal.ts) against a hostile server of our
// own: Ctrl-C and SIGTERM for every command, the live display at 40 and 100 columns and across a
// resize, partial jobs, colour and TERM=dumb. Every wait is on what the command wrote or on its
// exit; nothing is timed.
import { expect } from 'chai'
import stringWidth from 'string-width'
import type { HostileServer } from '../support/hostileServer.js'
import { requireTool } from '../support/requireTool.js'
import { cliBundle, scratch } from './support/cliProcess.js'
import { hangingAsin, startCliServer } from './support/cliServer.js'
import { startTerminal, tmuxMissing, type Terminal } from './support/tmuxTerminal.js'

const hide = '\u001b[?25l'
const show = '\u001b[?25h'
const submitArgs = (asin: string) => ['submit', 'listing-builder', '--asin', asin, '--country-code', 'US', '--listing-type', 'amazon_listing']

describe('the pixii-rx CLI on a terminal (tmux)', function () {
  this.timeout(60_000) // a terminal and a child process per test; nothing is timed
  let server: HostileServer
  let env: Record<string, string>
  const terminals: Terminal[] = []
  const open = async (args: readonly string[], columns = 100, extraEnv: Record<string, string> = {}): Promise<Terminal> => {
    const terminal = await startTerminal([process.execPath, await cliBundle(), ...args], { columns, rows: 30, env: { ...env, ...extraEnv } })
    terminals.push(terminal)
    return terminal
  }

  before(async function () {
    requireTool(this, 'terminal tests', tmuxMissing())
    await cliBundle()
    server = await startCliServer()
    env = { PIXII_BASE_URL: server.url, PIXII_API_KEY: 'pk_test_terminal' }
  })
  afterEach(async () => {
    await Promise.all(terminals.splice(0).map((terminal) => terminal.close()))
  })
  after(async () => server?.close())

  // What each command shows before it is stopped, and what it says after.
  const stoppable: ReadonlyArray<{ name: string; args: () => string[]; ready: RegExp; after: RegExp }> = [
    { name: 'watch', args: () => ['watch', 'job_slow', 'job_ok'], ready: /job_slow\s+Listing Builder\s+processing/, after: /Not finished: job_slow \(processing\)/ },
    { name: 'download', args: () => ['download', 'job_slow', '--out', scratch('stop')], ready: /job_slow\s+Listing Builder\s+processing/, after: /Not finished: job_slow \(processing\)/ },
    { name: 'list', args: () => ['list', '--asin', 'B0CHX1W1XY', '--limit', '2'], ready: /job_listed_2/, after: /job_listed_2/ },
    { name: 'submit', args: () => submitArgs('B0CHX1W1XY'), ready: /429 Too Many Requests/, after: /nothing was submitted/ },
    { name: 'simulate', args: () => ['simulate'], ready: /Press Ctrl-C to stop/, after: /Press Ctrl-C to stop/ },
  ]

  for (const { name, args, ready, after } of stoppable) {
    for (const how of ['Ctrl-C', 'SIGTERM'] as const) {
      it(`${name}: ${how} stops it, says where it was, restores the cursor and exits 130`, async () => {
        const terminal = await open(args())
        await terminal.untilWritten(ready)
        if (how === 'Ctrl-C') await terminal.keys('C-c')
        else await terminal.signal('SIGTERM')
        expect(await terminal.exited).to.deep.equal({ code: 130, signal: null })
        const screen = (await terminal.screen()).join('\n')
        expect(screen).to.match(after)
        const written = terminal.written()
        if (written.includes(hide)) expect(written.lastIndexOf(show), 'the cursor is shown again').to.be.greaterThan(written.lastIndexOf(hide))
        expect(screen).not.to.match(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] job_/, 'no spinner frame left on screen')
        if (name === 'watch' || name === 'download') expect(screen).to.match(/^- job_slow\s+Listing Builder\s+processing/m)
      })
    }
  }

  it('a second Ctrl-C quits at once, while a submission waits for an answer that never comes', async () => {
    const before = server.count('/v1/api/listing_builder')
    const terminal = await open(submitArgs(hangingAsin))
    await server.untilRequests(server.requests.length + 1)
    expect(server.count('/v1/api/listing_builder')).to.equal(before + 1)
    await terminal.keys('C-c')
    await terminal.untilWritten(/stopping once Pixii answers the submission already sent/)
    await terminal.keys('C-c')
    expect(await terminal.exited).to.deep.equal({ code: 130, signal: null })
    expect((await terminal.screen()).join('\n')).to.contain('SIGINT again, quitting at once')
  })

  for (const columns of [40, 100]) {
    it(`at ${columns} columns, every job keeps one whole row: completed, partial, failed, unknown`, async () => {
      const ids = ['job_ok', 'job_partial', 'job_failed', 'job_gone', 'job_slow']
      const terminal = await open(['watch', ...ids], columns)
      await terminal.untilWritten(/✖ job_gone/)
      await terminal.untilWritten(/✖ job_failed/)
      await terminal.untilWritten(/! job_partial/)
      await terminal.keys('C-c')
      expect((await terminal.exited).code).to.equal(130)
      const rows = await terminal.screen()
      const jobRows = rows.filter((row) => /^. job_/.test(row))
      // A job's row never reaches the last column, where a terminal would wrap it.
      for (const row of jobRows) expect(stringWidth(row), row).to.be.lessThan(columns)
      // One row each, in order; the job still running when stopped has lost its spinner.
      expect(jobRows.map((row) => row.split(/\s+/).slice(0, 2).join(' '))).to.deep.equal(['✔ job_ok', '! job_partial', '✖ job_failed', '✖ job_gone', '- job_slow'])
      const partial = jobRows[1] ?? ''
      const failed = jobRows[2] ?? ''
      if (columns === 100) {
        expect(partial).to.match(/completed .* 5\/7 ads, 2 failed: CONTENT_POLICY/)
        expect(failed).to.match(/failed .* GENERATION_FAILED$/)
        expect(jobRows[3]).to.match(/error .* JobNotFound: .*…$/)
      } else {
        for (const row of jobRows.slice(1, 4)) expect(row).to.match(/…$/)
      }
      expect(terminal.written()).to.contain('5 jobs: 2 completed (1 with failed ads), 2 failed')
    })
  }

  it('redraws whole lines after the terminal is narrowed from 100 to 40 columns', async () => {
    const terminal = await open(['watch', 'job_slow', 'job_failed', 'job_gone'], 100)
    await terminal.untilWritten(/✖ job_gone/)
    await terminal.untilWritten(/✖ job_failed/)
    await terminal.resize(40, 30)
    const frames = terminal.written().length
    // The next frame drawn after the resize is 40 columns wide.
    await terminal.untilWritten(/job_slow[^\r\n]*…\r\n/, frames)
    await terminal.keys('C-c')
    expect((await terminal.exited).code).to.equal(130)
    const rows = await terminal.screen()
    const jobRows = rows.filter((row) => row.includes('job_'))
    for (const row of jobRows.filter((row) => /^. job_/.test(row))) expect(stringWidth(row), row).to.be.lessThan(40)
    expect(jobRows.filter((row) => /^. job_(slow|failed|gone) /.test(row))).to.have.length(3)
    expect(rows.filter((row) => row.includes('GENERATION_FAILED') && !row.startsWith('✖')), 'no fragment of a 100-column line').to.deep.equal([])
  })

  it("shows the schedule's estimate of a running job's end, once it has learned from five finished jobs", async () => {
    const done = [1, 2, 3, 4, 5].map((n) => `job_done_${n}`)
    const terminal = await open(['watch', ...done, 'job_eta'])
    // Two-minute jobs, and this one started ten seconds ago: a little under two minutes left.
    await terminal.untilWritten(/job_eta\s+Listing Builder\s+processing\s+\d+\.\ds\s+about 1m[0-5]\ds left/)
    await terminal.keys('C-c')
    expect((await terminal.exited).code).to.equal(130)
    expect((await terminal.screen()).join('\n')).to.match(/^- job_eta\s+Listing Builder\s+processing\s+\d+\.\ds\s+about 1m[0-5]\ds left$/m)
  })

  it('colours: none with NO_COLOR, green ✔ and red ✖ with FORCE_COLOR, FORCE_COLOR=0 wins over the terminal', async () => {
    const coloured = await open(['watch', 'job_ok', 'job_failed'], 100, { NO_COLOR: '', FORCE_COLOR: '1' })
    expect((await coloured.exited).code).to.equal(1)
    expect(coloured.written()).to.contain('\u001b[32m✔\u001b[39m').and.contain('\u001b[31m✖\u001b[39m')
    for (const extra of [{ NO_COLOR: '1' }, { NO_COLOR: '', FORCE_COLOR: '0' }]) {
      const plain = await open(['watch', 'job_ok', 'job_failed'], 100, extra)
      expect((await plain.exited).code).to.equal(1)
      expect(plain.written()).to.contain('✔ job_ok')
      for (const colour of [31, 32, 33, 36]) expect(plain.written()).not.to.contain(`\u001b[${colour}m`)
    }
  })

  it('TERM=dumb: plain lines, one per change, without a single escape code', async () => {
    const terminal = await open(['watch', 'job_ok', 'job_partial', 'job_failed'], 100, { TERM: 'dumb', NO_COLOR: '' })
    expect((await terminal.exited).code).to.equal(1)
    const written = terminal.written()
    expect(written).not.to.contain('\u001b')
    const lines = written.split(/\r?\n/).filter((line) => line.trim() !== '')
    expect(lines.filter((line) => line.startsWith('- job_'))).to.have.length(3)
    expect(lines.filter((line) => /^[✔!✖] job_/.test(line)).map((line) => line.slice(0, 1))).to.have.members(['✔', '!', '✖'])
    expect(lines.at(-1)).to.match(/^3 jobs: 2 completed \(1 with failed ads\), 1 failed/)
  })
})
