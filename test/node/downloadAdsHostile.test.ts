import { expect } from 'chai'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ServerResponse } from 'node:http'
import { asyncScheduler, from, lastValueFrom, toArray, type SchedulerLike } from 'rxjs'
import type { CompletedJob } from '../../src/index.js'
import { downloadAds, type DownloadEvent, type DownloadManifest } from '../../src/node/index.js'
import { pngFor } from '../../src/testing/png.js'
import { folderSnapshot, snapshotChanges } from '../support/folderSnapshot.js'
import { jobBody, startHostileServer, type HostileAnswer, type HostileServer } from '../support/hostileServer.js'
import { htmlPage, jpegBytes, svgWithScript, truncated, webpBytes } from '../support/imageBodies.js'

// The jobs completed on 2026-01-01 (see `jobBody`): a clock a few hours later, so no URL has expired.
const clock: SchedulerLike = { now: () => Date.parse('2026-01-01T03:00:00.000Z'), schedule: asyncScheduler.schedule.bind(asyncScheduler) }
const userFiles: Readonly<Record<string, string>> = {
  'a/out/ad-01.png': 'my own picture',
  'a/out/manifest.json': '{"mine":true}\n',
  'a/out/notes.part': 'my notes',
  'a/ad-01.png': 'the parent folder picture',
  'a/manifest.json': '{"parent":true}\n',
}

describe('downloadAds, against a hostile server on loopback', () => {
  let host: HostileServer
  let base: string
  let out: string
  /** What the image host answers for `/img/<name>` instead of `pngFor(name)`. */
  let special: Record<string, HostileAnswer | ((res: ServerResponse) => void)>

  const ad = (name: string) => ({ preview_url: `${host.url}/img/${name}?expires=1&signature=SECRETSIG`, error: null })
  const job = (id: string, ads: readonly unknown[] = [ad(`${id}-1.png`), ad(`${id}-2.png`)]): CompletedJob => jobBody({ id, output: { ads } }) as unknown as CompletedJob
  const download = (jobs: readonly CompletedJob[]): Promise<DownloadEvent[]> => lastValueFrom(from(jobs).pipe(downloadAds({ dir: out, scheduler: clock }), toArray()))
  const failures = (events: readonly DownloadEvent[], jobId: string) =>
    events.flatMap((e) => (e.kind === 'image-failed' && e.jobId === jobId ? [{ adIndex: e.adIndex, tag: e.error._tag, issues: 'issues' in e.error ? e.error.issues : undefined }] : []))
  const noSecretIn = (events: readonly DownloadEvent[]): void => {
    const text = JSON.stringify(events, (_key, value: unknown) => (value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value))
    expect(text).not.to.match(/SECRETSIG|signature|expires=/)
  }

  beforeEach(async () => {
    special = {}
    host = await startHostileServer((request) => {
      const name = request.url.pathname.replace(/^\/img\//, '')
      return special[name] ?? { headers: { 'content-type': 'image/png' }, body: pngFor(name) }
    })
    base = await mkdtemp(join(tmpdir(), 'pixii-hostile-'))
    out = join(base, 'a', 'out')
    await mkdir(out, { recursive: true })
    for (const [path, text] of Object.entries(userFiles)) await writeFile(join(base, path), text)
  })
  afterEach(async () => {
    await host.close()
    await rm(base, { recursive: true, force: true })
  })

  it('writes nothing for a job whose id is not one folder name, and writes the jobs beside it', async () => {
    const hostile = ['../../x', '..', '.', out, join(base, 'a'), join(base, 'x'), '..\\x', 'C:', 'C:x', '.hidden', 'nul', '']
    const before = await folderSnapshot(base)
    const events = await download([job('job_GOOD1'), ...hostile.map((id) => job(id)), job('job_GOOD2')])

    for (const id of hostile) {
      const failed = failures(events, id)
      expect(failed.map((f) => [f.adIndex, f.tag]), id).to.deep.equal([[0, 'Decode'], [1, 'Decode']])
      expect(failed[0]?.issues, id).to.deep.equal([{ path: 'id', expected: 'one folder name: 1 to 128 letters, digits, "_", "-" or inner "."', actual: id }])
    }
    expect(events.filter((e) => e.kind === 'manifest').map((e) => e.jobId)).to.have.members(['job_GOOD1', 'job_GOOD2'])
    expect(events.at(-1)?.progress).to.include({ images: 4 + 2 * hostile.length, done: 4, failed: 2 * hostile.length })
    expect(host.count('/img/'), 'no image of a refused job is fetched').to.equal(4)
    const changes = snapshotChanges(before, await folderSnapshot(base))
    expect(changes.removed, 'removed').to.deep.equal([])
    expect(changes.changed, 'changed').to.deep.equal([])
    expect(changes.added, 'added').to.deep.equal(
      ['job_GOOD1', 'job_GOOD2'].flatMap((id) => [`a/out/${id}`, `a/out/${id}/ad-01.png`, `a/out/${id}/ad-02.png`, `a/out/${id}/manifest.json`]).sort(),
    )
    for (const [path, text] of Object.entries(userFiles)) expect(await readFile(join(base, path), 'utf8'), path).to.equal(text)
  })

  it('cleans up only the temporary files pixii-rx names, never a user\'s own .part file', async () => {
    const folder = join(out, 'job_A')
    await mkdir(folder)
    const mine = { 'notes.part': 'my notes', 'ad-01.png.part': 'mine too', 'ad-01.png.0123456789ab.part.bak': 'and this' }
    for (const [name, text] of Object.entries(mine)) await writeFile(join(folder, name), text)
    await writeFile(join(folder, 'ad-01.png.pixii-0123456789ab.part'), 'half an image left by a killed run')
    await writeFile(join(folder, 'manifest.json.pixii-00112233aabb.part'), '{"half":')

    await download([job('job_A')])
    expect((await readdir(folder)).sort()).to.deep.equal(['ad-01.png', 'ad-01.png.0123456789ab.part.bak', 'ad-01.png.part', 'ad-02.png', 'manifest.json', 'notes.part'])
    for (const [name, text] of Object.entries(mine)) expect(await readFile(join(folder, name), 'utf8'), name).to.equal(text)
  })

  it('one unusable preview_url is an image-failed DecodeError naming it; every other image and job is written', async () => {
    const bad = job('job_BAD', [ad('b1.png'), { preview_url: 'http://[::1/x.png?signature=SECRETSIG', error: null }, { preview_url: 'javascript:alert(1)//?signature=SECRETSIG', error: null }, ad('b4.png')])
    const events = await download([job('job_GOOD1'), bad, job('job_GOOD2')])

    expect(failures(events, 'job_BAD')).to.deep.equal([
      { adIndex: 1, tag: 'Decode', issues: [{ path: 'output/ads/1/preview_url', expected: 'an http or https URL', actual: '(not a URL)' }] },
      { adIndex: 2, tag: 'Decode', issues: [{ path: 'output/ads/2/preview_url', expected: 'an http or https URL', actual: 'javascript:…' }] },
    ])
    for (const id of ['job_GOOD1', 'job_GOOD2']) expect((await readdir(join(out, id))).sort(), id).to.deep.equal(['ad-01.png', 'ad-02.png', 'manifest.json'])
    expect((await readdir(join(out, 'job_BAD'))).sort()).to.deep.equal(['ad-01.png', 'ad-04.png', 'manifest.json'])
    const manifest = JSON.parse(await readFile(join(out, 'job_BAD', 'manifest.json'), 'utf8')) as DownloadManifest
    expect(manifest.failedImages.map((f) => [f.adIndex, f.error._tag])).to.deep.equal([[1, 'Decode'], [2, 'Decode']])
    expect(events.at(-1)?.progress).to.include({ images: 8, done: 6, failed: 2 })
    expect(host.count('/img/')).to.equal(6)
    noSecretIn(events)
  })

  it('saves only PNG, JPEG and WebP, by their first bytes, named by them; anything else leaves nothing on disk', async () => {
    const png = pngFor('cut')
    special = {
      'svg.png': { headers: { 'content-type': 'image/png' }, body: svgWithScript },
      'svg.svg': { headers: { 'content-type': 'image/svg+xml' }, body: svgWithScript },
      'page.png': { headers: { 'content-type': 'image/png' }, body: htmlPage },
      'garbage.png': { headers: { 'content-type': 'image/png' }, body: Buffer.alloc(64, 0x41) },
      'short.png': { headers: { 'content-type': 'image/png' }, body: png.subarray(0, 6) },
      'cut.png': truncated(png, 30),
      'photo.png': { headers: { 'content-type': 'image/png' }, body: jpegBytes },
      'picture': { headers: { 'content-type': 'image/webp' }, body: webpBytes },
    }
    const names = ['good.png', 'svg.png', 'svg.svg', 'page.png', 'garbage.png', 'short.png', 'cut.png', 'photo.png', 'picture']
    const events = await download([job('job_IMG', names.map(ad))])

    expect(failures(events, 'job_IMG').map((f) => [names[f.adIndex], f.tag, f.tag === 'Decode' ? f.issues?.[0]?.path : undefined]).sort()).to.deep.equal([
      ['cut.png', 'Network', undefined],
      ['garbage.png', 'Decode', 'body'],
      ['page.png', 'Decode', 'body'],
      ['short.png', 'Decode', 'body'],
      ['svg.png', 'Decode', 'body'],
      ['svg.svg', 'Decode', 'body'],
    ])
    const folder = join(out, 'job_IMG')
    expect((await readdir(folder)).sort()).to.deep.equal(['ad-01.png', 'ad-08.jpg', 'ad-09.webp', 'manifest.json'])
    expect((await readFile(join(folder, 'ad-08.jpg'))).equals(jpegBytes)).to.equal(true)
    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as DownloadManifest
    expect(manifest.images.map((image) => [image.file, image.contentType])).to.deep.equal([['ad-01.png', 'image/png'], ['ad-08.jpg', 'image/jpeg'], ['ad-09.webp', 'image/webp']])
    const written = events.filter((e) => e.kind === 'image')
    expect(written.map((e) => e.kind === 'image' && e.file).sort()).to.deep.equal(['ad-01.png', 'ad-08.jpg', 'ad-09.webp'].map((name) => join(folder, name)))
    noSecretIn(events)
  })
})
