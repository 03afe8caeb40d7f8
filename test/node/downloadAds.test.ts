import { expect } from 'chai'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { firstValueFrom, from, lastValueFrom, toArray, type SchedulerLike } from 'rxjs'
import { isPixiiError, type CompletedJob, type Job } from '../../src/index.js'
import type { FetchLike } from '../../src/advanced/index.js'
import { downloadAds, type DownloadAdsOptions, type DownloadEvent, type DownloadManifest } from '../../src/node/index.js'
import { pngFor } from '../../src/testing/png.js'
import { harness, type Harness } from '../support/watchHarness.js'
import { untilFolderCheck } from '../support/untilFolderCheck.js'

const day = 86_400_000
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')
const pathOf = (url: string): string => new URL(url).pathname

/** A fetch that counts how many image downloads are in flight at once (until their body ends). */
function countingFetch(): { fetch: FetchLike; peak: () => number } {
  let active = 0
  let peak = 0
  const fetch: FetchLike = async (url, init) => {
    active += 1
    peak = Math.max(peak, active)
    const response = await globalThis.fetch(url, init).catch((error: unknown) => {
      active -= 1
      throw error
    })
    if (response.body === null) {
      active -= 1
      return response
    }
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>()
    void response.body.pipeTo(writable).catch(() => undefined).finally(() => (active -= 1))
    return new Response(readable, { status: response.status, headers: response.headers })
  }
  return { fetch, peak: () => peak }
}

/** A fetch that answers `replace(url)` instead of the host for the URLs it picks. */
function rewritingFetch(replace: (url: string) => Response | undefined): FetchLike {
  return async (url, init) => replace(url) ?? globalThis.fetch(url, init)
}

describe('downloadAds, against the simulator image host', () => {
  let h: Harness
  let dir: string
  const completed = async (spec: Parameters<Harness['sim']['createJob']>[0]): Promise<CompletedJob> => {
    const answer = await h.client().getJob(h.sim.createJob({ queuedMs: 0, processingMs: 0, ...spec }))()
    if (answer._tag === 'Left' || answer.right.status !== 'completed') throw new Error(`not completed: ${JSON.stringify(answer)}`)
    return answer.right
  }
  const download = (jobs: readonly Job[], options: Partial<DownloadAdsOptions> = {}): Promise<DownloadEvent[]> =>
    lastValueFrom(from(jobs).pipe(downloadAds({ dir, scheduler: h.clock.scheduler, ...options }), toArray()))
  const manifestOf = async (id: string): Promise<DownloadManifest> => JSON.parse(await readFile(join(dir, id, 'manifest.json'), 'utf8')) as DownloadManifest
  const noSignatureIn = (events: readonly DownloadEvent[]): void => {
    const text = JSON.stringify(events, (_key, value: unknown) => (value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value))
    expect(text).not.to.match(/signature|expires=/)
  }

  beforeEach(async () => {
    h = await harness({ http: true })
    dir = await mkdtemp(join(tmpdir(), 'pixii-downloads-'))
  })
  afterEach(async () => {
    await h.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('writes every image of every job, at most `concurrency` at once, with checksums, and never an Authorization header', async () => {
    const jobs = await Promise.all([1, 2, 3].map(() => completed({ key: h.sim.liveKey })))
    const counting = countingFetch()
    const events = await download(jobs, { concurrency: 3, fetch: counting.fetch })

    const images = events.filter((e) => e.kind === 'image')
    expect(images).to.have.length(21)
    expect(events.filter((e) => e.kind === 'manifest')).to.have.length(3)
    expect(events.at(-1)?.progress).to.deep.equal({ images: 21, done: 21, skipped: 0, failed: 0, bytes: images.reduce((sum, e) => sum + e.bytes, 0) })
    expect(counting.peak()).to.be.within(2, 3)
    for (const job of jobs) {
      const names = (await readdir(join(dir, job.id))).sort()
      expect(names).to.deep.equal(['ad-01.png', 'ad-02.png', 'ad-03.png', 'ad-04.png', 'ad-05.png', 'ad-06.png', 'ad-07.png', 'manifest.json'])
      const manifest = await manifestOf(job.id)
      expect(manifest).to.include({ jobId: job.id, jobType: job.job_type, completedAt: job.completed_at })
      expect(manifest.credits).to.deep.equal({ charged: job.credit_cost, refunded: job.credits_refunded })
      for (const [index, ad] of job.output.ads.entries()) {
        const bytes = await readFile(join(dir, job.id, `ad-0${index + 1}.png`))
        const expected = pngFor(pathOf(String(ad.preview_url)))
        expect(bytes.equals(expected)).to.equal(true)
        expect(manifest.images[index]).to.include({ adIndex: index, file: `ad-0${index + 1}.png`, bytes: expected.length, sha256: sha256(expected), contentType: 'image/png' })
        expect(manifest.images[index]?.source).to.equal(`${h.sim.url}${pathOf(String(ad.preview_url))}`)
      }
    }
    expect(h.sim.imageLog).to.have.length(21)
    expect(h.sim.imageLog.filter((request) => request.hadAuthorization), 'Authorization headers seen by the image host').to.have.length(0)
    noSignatureIn(events)
  })

  it('keeps files already there with the same size: no request with a manifest, no body without one', async () => {
    const job = await completed({ key: h.sim.testKey, adCount: 3 })
    await download([job])
    const before = await stat(join(dir, job.id, 'ad-01.png'))
    const again = await download([job])
    expect(again.filter((e) => e.kind === 'image').map((e) => e.kind === 'image' && e.skipped)).to.deep.equal([true, true, true])
    expect(h.sim.imageLog, 'the manifest said which sizes to expect: no request').to.have.length(3)
    expect(again.at(-1)?.progress).to.include({ done: 3, skipped: 3, bytes: 0 })

    await rm(join(dir, job.id, 'manifest.json'))
    const third = await download([job])
    expect(third.filter((e) => e.kind === 'image' && e.skipped)).to.have.length(3)
    expect(h.sim.imageLog, 'without a manifest, the Content-Length decides').to.have.length(6)
    expect((await stat(join(dir, job.id, 'ad-01.png'))).mtimeMs).to.equal(before.mtimeMs)
    expect((await manifestOf(job.id)).images).to.have.length(3)

    await writeFile(join(dir, job.id, 'ad-02.png'), 'not the image')
    const repaired = await download([job])
    expect(repaired.filter((e) => e.kind === 'image' && !e.skipped).map((e) => e.kind === 'image' && e.adIndex)).to.deep.equal([1])
  })

  it('records failed ads with their codes and the credits in the manifest', async () => {
    const job = await completed({ key: h.sim.testKey, adCount: 4, outcome: { kind: 'partial', failedAds: 2, errorCode: 'CONTENT_POLICY' } })
    const events = await download([job])
    const manifest = await manifestOf(job.id)
    expect(manifest.images.map((image) => image.file)).to.deep.equal(['ad-01.png', 'ad-02.png'])
    expect(manifest.failedAds.map(({ adIndex, code }) => [adIndex, code])).to.deep.equal([[2, 'CONTENT_POLICY'], [3, 'CONTENT_POLICY']])
    expect(manifest.credits.refunded).to.be.greaterThan(0)
    expect(manifest.failedImages).to.deep.equal([])
    expect(events.at(-1)?.progress).to.include({ images: 2, done: 2 })
  })

  describe('expired URLs', () => {
    it('403 from the host: ImageExpired for each image of that job, and the other job is still written', async () => {
      const old = await completed({ key: h.sim.testKey, adCount: 2 })
      await h.clock.advance(8 * day)
      const fresh = await completed({ key: h.sim.testKey, adCount: 2 })
      // A downloader whose clock still thinks the old job is recent reaches the host, which refuses.
      const lagging: SchedulerLike = { now: () => Date.parse(old.completed_at ?? '') + day, schedule: h.clock.scheduler.schedule.bind(h.clock.scheduler) }
      const events = await download([old, fresh], { scheduler: lagging })
      const failures = events.filter((e) => e.kind === 'image-failed')
      expect(failures.map((e) => e.jobId)).to.deep.equal([old.id, old.id])
      for (const failure of failures) {
        expect(isPixiiError(failure.error, 'ImageExpired')).to.equal(true)
        expect(failure.error).to.include({ reason: 'forbidden', jobId: old.id, retryable: false })
        expect(failure.error.context).to.include({ status: 403, method: 'GET' })
      }
      expect(events.filter((e) => e.kind === 'image').map((e) => e.jobId)).to.deep.equal([fresh.id, fresh.id])
      expect(await readdir(join(dir, old.id))).to.deep.equal(['manifest.json'])
      expect((await manifestOf(old.id)).failedImages.map((f) => f.error._tag)).to.deep.equal(['ImageExpired', 'ImageExpired'])
      noSignatureIn(events)
    })

    it('completed more than 7 days ago: ImageExpired without any request', async () => {
      const old = await completed({ key: h.sim.testKey, adCount: 3 })
      await h.clock.advance(7 * day + 1)
      const events = await download([old])
      expect(events.filter((e) => e.kind === 'image-failed').map((e) => e.kind === 'image-failed' && e.error._tag === 'ImageExpired' && e.error.reason)).to.deep.equal([
        'past-retention', 'past-retention', 'past-retention',
      ])
      expect(h.sim.imageLog).to.have.length(0)
    })

    it('410 from the host: ImageExpired "gone" for that image only', async () => {
      const job = await completed({ key: h.sim.testKey, adCount: 3 })
      const gone = String(job.output.ads[1]?.preview_url)
      const events = await download([job], { fetch: rewritingFetch((url) => (url === gone ? new Response('gone', { status: 410 }) : undefined)) })
      const failed = events.filter((e) => e.kind === 'image-failed')
      expect(failed.map((e) => [e.adIndex, e.error._tag === 'ImageExpired' && e.error.reason])).to.deep.equal([[1, 'gone']])
      expect(events.filter((e) => e.kind === 'image')).to.have.length(2)
    })
  })

  it('follows redirects only to https or loopback, and names neither signature in its refusal', async () => {
    const job = await completed({ key: h.sim.testKey, adCount: 3 })
    const [first, second] = job.output.ads.map((ad) => String(ad.preview_url))
    const redirect = (location: string) => new Response(null, { status: 302, headers: { location } })
    const events = await download([job], {
      fetch: rewritingFetch((url) => {
        if (url === first) return redirect('http://images.example/steal.png?expires=1&signature=SECRET')
        if (url === second) return redirect(`${h.sim.url}/hop`) // http on loopback: followed
        if (url === `${h.sim.url}/hop`) return redirect(`${second}&hop=2`)
        return undefined
      }),
    })
    const refused = events.find((e) => e.kind === 'image-failed')
    expect(refused?.kind === 'image-failed' && refused.error._tag).to.equal('Validation')
    expect(refused?.kind === 'image-failed' && refused.error.message).to.equal(
      'Refused to fetch an image from http://images.example/steal.png: only https, or http on a loopback host, is allowed',
    )
    expect(events.filter((e) => e.kind === 'image').map((e) => e.kind === 'image' && e.adIndex).sort()).to.deep.equal([1, 2])
    noSignatureIn(events)
  })

  it('checks the content type and the size cap, leaving no file behind', async () => {
    const job = await completed({ key: h.sim.testKey, adCount: 2 })
    const html = String(job.output.ads[0]?.preview_url)
    const typed = await download([job], { fetch: rewritingFetch((url) => (url === html ? new Response('<html>', { headers: { 'content-type': 'text/html' } }) : undefined)) })
    const wrongType = typed.find((e) => e.kind === 'image-failed')
    expect(wrongType?.kind === 'image-failed' && wrongType.error._tag === 'Decode' && wrongType.error.issues).to.deep.equal([{ path: 'content-type', expected: 'image/*', actual: 'text/html' }])

    await rm(join(dir, job.id), { recursive: true })
    const capped = await download([job], { maxBytes: 10 })
    for (const event of capped.filter((e) => e.kind !== 'manifest')) {
      expect(event.kind === 'image-failed' && event.error._tag === 'Network' && event.error.failure).to.equal('body-too-large')
    }
    expect(await readdir(join(dir, job.id))).to.deep.equal(['manifest.json'])
  })

  it('never leaves a half-written image under its name: unsubscribing mid-body removes the temporary file', async () => {
    const job = await completed({ key: h.sim.testKey, adCount: 1 })
    const image = pngFor(pathOf(String(job.output.ads[0]?.preview_url)))
    let stalled!: () => void
    const midway = new Promise<void>((resolve) => (stalled = resolve))
    const halfBody = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(image.subarray(0, image.length / 2))
      },
      pull: () => stalled(), // asked for more after the first half: it never comes
    })
    const folder = join(dir, job.id)
    const subscription = from([job])
      .pipe(downloadAds({ dir, scheduler: h.clock.scheduler, fetch: () => Promise.resolve(new Response(halfBody, { headers: { 'content-type': 'image/png', 'content-length': String(image.length) } })) }))
      .subscribe()
    await midway
    const partFiles = async () => (await readdir(folder)).filter((name) => name.endsWith('.part'))
    // Wait (on file-system events, not on a timer) until the first half is on disk under the temporary name.
    await untilFolderCheck(folder, async () => {
      const [part] = await partFiles()
      return part !== undefined && (await stat(join(folder, part))).size === image.length / 2
    })
    expect(await readdir(folder)).not.to.include('ad-01.png')
    subscription.unsubscribe()
    await untilFolderCheck(folder, async () => (await partFiles()).length === 0)
    expect(await readdir(folder)).to.deep.equal([])
  })

  it('fails the stream with a FileSystem error when a job folder cannot be created', async () => {
    const job = await completed({ key: h.sim.testKey, adCount: 1 })
    await writeFile(join(dir, 'file'), 'in the way')
    const error = await firstValueFrom(from([job]).pipe(downloadAds({ dir: join(dir, 'file') }))).catch((e: unknown) => e)
    expect(isPixiiError(error, 'FileSystem')).to.equal(true)
    expect(error).to.include({ code: 'ENOTDIR' })
  })

  it('refuses bad options with a ValidationError naming each field', () => {
    expect(() => downloadAds({ dir: 'x', concurrency: 0, maxRedirects: -1 })).to.throw('concurrency: expected an integer ≥ 1, got 0; maxRedirects')
  })
})

