// `pixii-rx batch` on a real terminal (tmux, see test/cli/support/tmuxTerminal.ts) against the
// simulator over HTTP: the live block (rows done/running/waiting/failed, credits, the limits and
// the next submission, the estimated end, the day's budget), Ctrl-C, and NDJSON when stdout is a
// pipe inside the same terminal. Every wait is on what the command wrote or on its exit.
import { expect } from 'chai'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startSimulator, type Simulator } from '../../src/testing/index.js'
import { requireTool } from '../support/requireTool.js'
import { cliBundle, scratch } from '../cli/support/cliProcess.js'
import { startTerminal, tmuxMissing, type Terminal } from '../cli/support/tmuxTerminal.js'

const ESC = '\u001b'
const stamp = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}`

async function rowsFile(dir: string, count: number): Promise<string> {
  const file = join(dir, 'rows.ndjson')
  const rows = Array.from({ length: count }, (_, index) => JSON.stringify({ kind: 'a-plus', id: `sku-${index}`, asin: `B0TERM${String(index).padStart(4, '0')}`, country_code: 'US', types: ['A+ Basic'] }))
  await writeFile(file, `${rows.join('\n')}\n`)
  return file
}

describe('pixii-rx batch on a terminal (tmux)', function () {
  this.timeout(60_000) // a terminal and a child process per test; nothing is timed
  let sim: Simulator & { url: string }
  let env: Record<string, string>
  const terminals: Terminal[] = []
  const open = async (argv: readonly string[], columns = 100): Promise<Terminal> => {
    const terminal = await startTerminal(argv, { columns, rows: 30, env })
    terminals.push(terminal)
    return terminal
  }

  before(async function () {
    requireTool(this, 'terminal tests', tmuxMissing())
    await cliBundle()
  })
  beforeEach(async () => {
    sim = await startSimulator({ seed: 19 })
    env = { PIXII_BASE_URL: sim.url, PIXII_API_KEY: sim.testKey, NO_COLOR: '1' }
  })
  afterEach(async () => {
    await Promise.all(terminals.splice(0).map((terminal) => terminal.close()))
    await sim.close()
  })

  it("shows rows, credits, the limits with the next submission, the estimated end and the day's budget; Ctrl-C stops it", async () => {
    const dir = scratch('batch-terminal')
    // Two submissions a day: the third row waits for tomorrow, and the block says so.
    const terminal = await open([process.execPath, await cliBundle(), 'batch', await rowsFile(dir, 4), '--journal', join(dir, 'run.journal'), '--out', join(dir, 'out'), '--per-day', '2'])
    await terminal.untilWritten(/rows 4: 2 done, 0 running, 2 waiting, 0 failed/)
    await terminal.untilWritten(/the day's budget is spent: going on at/)
    const screen = (await terminal.screen()).join('\n')
    expect(screen).to.match(/^rows 4: 2 done, 0 running, 2 waiting, 0 failed$/m)
    expect(screen).to.match(/^credits: 40 charged, 0 refunded$/m) // two A+ Basic jobs at 20 credits each, as the jobs say
    expect(screen).to.match(new RegExp(`^limits: \\d+/10 this minute, 0/2 today; next submission ${stamp}$`, 'm'))
    expect(screen).to.match(new RegExp(`^about done by ${stamp}$`, 'm'))
    expect(screen).to.match(new RegExp(`^the day's budget is spent: going on at ${stamp}$`, 'm'))
    // The block is redrawn in place: the rows line is on the screen once.
    expect(screen.match(/^rows 4:/gm)).to.have.length(1)
    expect(sim.log.filter((request) => request.method === 'POST')).to.have.length(2)

    await terminal.keys('C-c')
    expect(await terminal.exited).to.deep.equal({ code: 130, signal: null })
    expect((await terminal.screen()).join('\n')).to.contain('stopped: run the same command again to go on')
  })

  it('runs to the end with a failed row: the last block and the summary line stay on screen', async () => {
    const dir = scratch('batch-terminal')
    sim.script({ kind: 'failure', errorCode: 'GENERATION_FAILED' }, { asin: 'B0TERM0001' })
    const terminal = await open([process.execPath, await cliBundle(), 'batch', await rowsFile(dir, 3), '--journal', join(dir, 'run.journal'), '--out', join(dir, 'out')], 60)
    expect(await terminal.exited).to.deep.equal({ code: 1, signal: null })
    const screen = (await terminal.screen()).join('\n')
    expect(screen).to.match(/^rows 3: 2 done, 0 running, 0 waiting, 1 failed$/m)
    // The summary is longer than the 60 columns: the terminal wraps it, nothing is lost.
    expect(screen.replace(/\n/g, '')).to.contain(`2 of 3 rows completed, 1 failed, 0 unfinished, 0 deferred, 0 invalid → ${join(dir, 'out', 'results.ndjson')}`)
    expect(terminal.written()).to.contain(`${ESC}[`) // drawn with escape codes, as a live block is
  })

  it('prints NDJSON, without a single escape code, when its output is piped inside the terminal', async () => {
    const dir = scratch('batch-terminal')
    const quote = (part: string): string => `'${part.replace(/'/g, `'\\''`)}'`
    const command = [process.execPath, await cliBundle(), 'batch', await rowsFile(dir, 2), '--journal', join(dir, 'run.journal'), '--out', join(dir, 'out')]
    const terminal = await open(['/bin/sh', '-c', `${command.map(quote).join(' ')} | cat`], 200)
    expect(await terminal.exited).to.deep.equal({ code: 0, signal: null })
    const written = terminal.written()
    expect(written).not.to.contain(ESC)
    const lines = written.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as { kind: string })
    const kinds = lines.map((line) => line.kind)
    expect(kinds[0]).to.equal('opened')
    expect(kinds.filter((kind) => kind === 'finished')).to.have.length(2)
    expect(kinds.at(-1)).to.equal('summary')
    expect(lines.at(-1)).to.deep.include({ rows: 2, completed: 2, failed: 0, exitCode: 0 })
  })
})
