import { expect } from 'chai'
import * as fs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { asyncScheduler } from 'rxjs'
import { runCli } from '../../src/cli/runCli.js'
import { encodeRecord } from '../../src/catalogue/journal/journalFormat.js'
import { createJournalStore } from '../../src/catalogue/index.js'
import { startSimulator, type Simulator } from '../../src/testing/index.js'

interface Ran {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly lines: Array<Record<string, unknown>>
}

describe('pixii-rx batch (in process, simulator over HTTP)', () => {
  let sim: Simulator
  let dir: string
  const batch = async (args: string[]): Promise<Ran> => {
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
    const lines = stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>)
    return { code, stdout, stderr, lines }
  }
  const posts = (): number => sim.log.filter((request) => request.method === 'POST').length

  beforeEach(async () => {
    sim = await startSimulator({ seed: 5 })
    dir = await fs.mkdtemp(join(tmpdir(), 'batch-cli-'))
  })
  afterEach(async () => {
    await sim.close()
    await fs.rm(dir, { recursive: true, force: true })
  })

  it('runs a CSV to the end, reporting bad rows by line (malformed, unknown kind, bad field) and going on', async () => {
    const rows = join(dir, 'rows.csv')
    await fs.writeFile(
      rows,
      [
        'kind,id,asin,country_code,listing_type,types',
        'listing-builder,sku-1,B0CHX1W1XY,US,amazon_listing,',
        'poster,sku-2,B0CHX1W1XZ,US,,',
        'a-plus,sku-3,B0CHX1W1XZ,US,,A+ Basic|A+ Premium',
        'a-plus,sku-4,B0,US,,A+ Basic',
        'a-plus,sku-5,"B0CHX1W1XQ"x,US,,A+ Basic',
        '',
      ].join('\n'),
    )
    const ran = await batch([rows, '--journal', join(dir, 'run.journal'), '--out', join(dir, 'out')])
    expect(ran.code).to.equal(1)
    const invalid = ran.lines.filter((line) => line['kind'] === 'invalid-row')
    expect(invalid.map((line) => line['line'])).to.deep.equal([3, 5, 6])
    expect(String(invalid[0]?.['message'])).to.equal('line 3: the kind "poster"; expected listing-builder, scale or a-plus')
    expect(String(invalid[1]?.['message'])).to.match(/^line 5: .*asin/)
    expect(String(invalid[2]?.['message'])).to.equal('line 6: text after a closing quote in field 3')
    const results = (await fs.readFile(join(dir, 'out', 'results.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(results.map((result) => [result['row'], result['line'], result['status']])).to.deep.equal([['sku-1', 2, 'completed'], ['sku-3', 4, 'completed']])
    expect(ran.lines.at(-1)).to.include({ kind: 'summary', rows: 2, invalid: 3, completed: 2, exitCode: 1 })
    expect(posts()).to.equal(2)
  })

  it('reads NDJSON rows, reports a malformed line, and a second run submits nothing', async () => {
    const rows = join(dir, 'rows.ndjson')
    await fs.writeFile(
      rows,
      [
        JSON.stringify({ kind: 'scale', asin: 'B0CHX1W1XY', country_code: 'US', scale_mode: 'catalog', items: [{ preview_url: 'https://example.com/a.png', platform: 'Amazon', asset_type: 'main' }] }),
        '{"kind": "a-plus", "asin": ',
        JSON.stringify({ kind: 'a-plus', asin: 'B0CHX1W1XZ', country_code: 'US', types: ['A+ Basic'] }),
      ].join('\n'),
    )
    const args = [rows, '--journal', join(dir, 'run.journal'), '--out', join(dir, 'out')]
    const first = await batch(args)
    expect(first.lines.filter((line) => line['kind'] === 'invalid-row').map((line) => line['line'])).to.deep.equal([2])
    expect(first.lines.at(-1)).to.include({ completed: 2 })
    const second = await batch(args)
    expect(second.lines.filter((line) => line['kind'] === 'skipped')).to.have.length(2)
    expect(posts()).to.equal(2)
  })

  it('refuses a missing rows file with exit 2, recording nothing', async () => {
    const journal = join(dir, 'run.journal')
    const ran = await batch([join(dir, 'nope.csv'), '--journal', journal, '--out', join(dir, 'out')])
    expect(ran.code).to.equal(2)
    expect(ran.stderr).to.equal(`pixii-rx: Cannot read the rows file ${join(dir, 'nope.csv')}: no such file\n`)
    await fs.access(journal).then(() => expect.fail('a journal was created'), () => undefined)
  })

  it('refuses an output folder it cannot write with exit 7, before submitting anything', async () => {
    const rows = join(dir, 'rows.ndjson')
    await fs.writeFile(rows, `${JSON.stringify({ kind: 'a-plus', asin: 'B0CHX1W1XZ', country_code: 'US', types: ['A+ Basic'] })}\n`)
    await fs.writeFile(join(dir, 'a-file'), 'not a folder')
    const out = join(dir, 'a-file', 'images')
    const ran = await batch([rows, '--journal', join(dir, 'run.journal'), '--out', out])
    expect(ran.code).to.equal(7)
    expect(ran.stderr).to.equal(`pixii-rx: Cannot write to the output folder ${out}: ENOTDIR. Nothing was submitted.\n`)
    expect(posts()).to.equal(0)
  })

  it('refuses a journal of a newer format (exit 6, untouched) and a journal in use by another run (exit 6)', async () => {
    const rows = join(dir, 'rows.ndjson')
    await fs.writeFile(rows, `${JSON.stringify({ kind: 'a-plus', asin: 'B0CHX1W1XZ', country_code: 'US', types: ['A+ Basic'] })}\n`)
    const newer = join(dir, 'newer.journal')
    const text = encodeRecord({ format: 'pixii-rx/catalogue-journal', version: 9 })
    await fs.writeFile(newer, text)
    const refused = await batch([rows, '--journal', newer, '--out', join(dir, 'out')])
    expect(refused.code).to.equal(6)
    expect(refused.stderr).to.contain('has format version 9, written by a newer pixii-rx; this one reads up to version 1')
    expect(await fs.readFile(newer, 'utf8')).to.equal(text)
    const journal = join(dir, 'run.journal')
    const holder = createJournalStore(journal)
    await holder.open()
    const locked = await batch([rows, '--journal', journal, '--out', join(dir, 'out')])
    await holder.close()
    expect(locked.code).to.equal(6)
    expect(locked.stderr).to.contain(`is in use by process ${process.pid}`)
    expect(posts()).to.equal(0)
  })
})
