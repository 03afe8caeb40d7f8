import { expect } from 'chai'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pngFor } from '../../src/testing/png.js'
import { folderSnapshot, snapshotChanges } from '../support/folderSnapshot.js'
import { jobBody, startHostileServer, type HostileServer } from '../support/hostileServer.js'
import { htmlPage, svgWithScript } from '../support/imageBodies.js'
import { ndjson, runCli, scratch } from './support/cliProcess.js'

// A Pixii of our own that is hostile: it answers some jobs with ids that are paths, and it is also
// the image host, serving good PNGs beside an SVG and an HTML page that claim to be PNGs.
describe('pixii-rx download against a hostile Pixii and image host', () => {
  let host: HostileServer
  let base: string
  let out: string
  const userFiles: Readonly<Record<string, string>> = {
    'a/out/ad-01.png': 'my own picture',
    'a/out/manifest.json': '{"mine":true}\n',
    'a/out/notes.part': 'my notes',
    'a/ad-01.png': 'the parent folder picture',
  }
  const ad = (name: string) => ({ preview_url: `${host.url}/img/${name}?expires=1&signature=SECRETSIG`, error: null })
  const answers = (): Record<string, Record<string, unknown>> => {
    const good = (id: string) => ({ id, output: { ads: [ad(`${id}-1.png`), ad(`${id}-2.png`)] } })
    const mixed = [ad('mixed-1.png'), { preview_url: 'http://[::1/x.png?signature=SECRETSIG', error: null }, { preview_url: 'javascript:alert(1)', error: null }, ad('svg.png'), ad('page.png')]
    return {
      job_GOOD1: good('job_GOOD1'),
      job_GOOD2: good('job_GOOD2'),
      job_MIXED: { id: 'job_MIXED', output: { ads: mixed } },
      // The id asked for, but not a folder name: only downloadAds can refuse these.
      '.hidden_job': good('.hidden_job'),
      'C:x': good('C:x'),
      // Answers about another id: the client refuses them (a DecodeError on `id`), and downloadAds would too.
      job_ESCAPE: good('../../x'),
      job_PARENT: good('..'),
      job_HERE: good('.'),
      job_ABSOLUTE: good(out),
    }
  }

  before(async () => {
    base = scratch('hostile')
    out = join(base, 'a', 'out')
    await mkdir(out, { recursive: true })
    for (const [path, text] of Object.entries(userFiles)) await writeFile(join(base, path), text)
    const completedAt = new Date().toISOString() // within the 7 days that signed URLs last
    host = await startHostileServer((request) => {
      const { pathname } = request.url
      if (pathname.startsWith('/img/')) {
        const name = pathname.slice('/img/'.length)
        const body = name === 'svg.png' ? svgWithScript : name === 'page.png' ? htmlPage : pngFor(name)
        return { headers: { 'content-type': 'image/png' }, body }
      }
      const fields = answers()[decodeURIComponent(pathname.replace(/^\/v1\/api\/jobs\//, ''))]
      return fields === undefined ? undefined : { body: jobBody({ ...fields, completed_at: completedAt }) }
    })
  })
  after(() => host.close())

  it('reports each bad image and unsafe job as a failure, writes the good jobs, touches nothing else, and exits 1', async () => {
    const before = await folderSnapshot(base)
    const ids = ['job_GOOD1', 'job_MIXED', '.hidden_job', 'C:x', 'job_ESCAPE', 'job_PARENT', 'job_HERE', 'job_ABSOLUTE', 'job_GOOD2']
    const run = await runCli(['download', ...ids, '--out', out, '--json'], { PIXII_BASE_URL: host.url, PIXII_API_KEY: 'pk_test_HostileKey0001' })

    expect(run.stderr).not.to.contain('unexpected failure')
    expect(run.code, run.stderr).to.equal(1)
    const events = ndjson(run.stdout)
    const images = events.filter((e) => e['kind'] === 'image').map((e) => `${String(e['jobId'])}#${String(e['adIndex'])}`)
    expect(images.sort()).to.deep.equal(['job_GOOD1#0', 'job_GOOD1#1', 'job_GOOD2#0', 'job_GOOD2#1', 'job_MIXED#0'])
    const failed = events.filter((e) => e['kind'] === 'image-failed' && e['jobId'] === 'job_MIXED')
    expect(failed.map((e) => [e['adIndex'], (e['error'] as { _tag: string })._tag]).sort()).to.deep.equal([[1, 'Decode'], [2, 'Decode'], [3, 'Decode'], [4, 'Decode']])
    for (const id of ['.hidden_job', 'C:x']) {
      const refused = events.filter((e) => e['kind'] === 'image-failed' && e['jobId'] === id).map((e) => e['error'] as { _tag: string; issues: Array<{ path: string }> })
      expect(refused.map((error) => [error._tag, error.issues[0]?.path]), id).to.deep.equal([['Decode', 'id'], ['Decode', 'id']])
    }
    expect(events.at(-1)).to.deep.include({ kind: 'summary', images: 5, exitCode: 1 })
    // The jobs are printed as Pixii sent them; the download's own lines and errors are logs.
    for (const event of events.filter((e) => e['kind'] !== 'job')) expect(JSON.stringify(event)).not.to.contain('SECRETSIG')
    expect(run.stderr).not.to.contain('SECRETSIG')

    const changes = snapshotChanges(before, await folderSnapshot(base))
    expect(changes.removed, 'removed').to.deep.equal([])
    expect(changes.changed, 'changed').to.deep.equal([])
    const written = { job_GOOD1: ['ad-01.png', 'ad-02.png'], job_GOOD2: ['ad-01.png', 'ad-02.png'], job_MIXED: ['ad-01.png'] }
    expect(changes.added, 'added').to.deep.equal(
      Object.entries(written).flatMap(([id, names]) => [`a/out/${id}`, ...[...names, 'manifest.json'].map((name) => `a/out/${id}/${name}`)]).sort(),
    )
    for (const [path, text] of Object.entries(userFiles)) expect(await readFile(join(base, path), 'utf8'), path).to.equal(text)
  })
})
