import { concat, defer, EMPTY, from, map, mergeMap, Observable, of, tap, timeout, type OperatorFunction } from 'rxjs'
import { join } from 'node:path'
import { isSucceededAd } from '../codecs/Ad.js'
import type { CompletedJob, Job } from '../codecs/Job.js'
import type { PixiiError } from '../errors/PixiiError.js'
import { TimeoutError } from '../errors/TimeoutError.js'
import { completedJob } from '../operators/completedJob.js'
import { buildManifest } from './buildManifest.js'
import type { DownloadAdsOptions } from './DownloadAdsOptions.js'
import type { DownloadEvent, DownloadProgress } from './DownloadEvent.js'
import type { DownloadedImage } from './DownloadManifest.js'
import { downloadImage } from './downloadImage.js'
import { shownUrl } from './imageUrl.js'
import type { DownloadSettings, ImageOutcome, ImageTask } from './ImageTask.js'
import { jobFolder } from './jobFolder.js'
import { createLimiter } from '../rx/createLimiter.js'
import { normalizeDownloadOptions } from './normalizeDownloadOptions.js'
import { prepareJob, type PreparedJob } from './prepareJob.js'
import { writeJsonAtomically } from './writeJsonAtomically.js'

/** One image's download as a cold Observable: unsubscribing aborts it; past `timeoutMs` it is a `Timeout`. */
function image$(task: ImageTask, settings: DownloadSettings): Observable<ImageOutcome> {
  const download$ = new Observable<ImageOutcome>((subscriber) => {
    const controller = new AbortController()
    downloadImage(task, settings, controller.signal).then(
      (outcome) => {
        subscriber.next(outcome)
        subscriber.complete()
      },
      (error: unknown) => subscriber.error(error),
    )
    return () => controller.abort()
  })
  const late = (): ImageOutcome => {
    const url = task.url
    const message = `The download of ${shownUrl(url)} took more than ${settings.timeoutMs} ms`
    const error = new TimeoutError({ message, deadline: 'request', ms: settings.timeoutMs, context: { method: 'GET', path: url.pathname, jobId: task.job.id } })
    return { ok: false, error }
  }
  return download$.pipe(timeout({ first: settings.timeoutMs, scheduler: settings.scheduler, with: () => of(late()) }))
}

/**
 * Downloads the images of every completed job of a stream (a watch, a merge of watches), before
 * their signed URLs expire 7 days after completion. Jobs that are not completed are skipped, and
 * each job id is handled once. For each job it writes `<dir>/<job id>/ad-01.png`, … and a
 * `manifest.json` (see {@link DownloadManifest}).
 *
 * - Nothing is written, moved or deleted outside `dir`, whatever the answer says: a job id that
 *   is not one plain folder name (letters, digits, `_`, `-`, inner dots; so never `..`, `/abs`,
 *   `C:` or `a`) writes nothing, and each of that job's images is an `image-failed`
 *   `DecodeError` on `id`. The only files removed are the temporary files of a killed run
 *   (`ad-01.png.pixii-<hex>.part`), never a user's own `.part` file.
 * - Only PNG, JPEG and WebP images are saved, recognised by their first bytes before anything is
 *   written (an SVG or a page served as `image/png` is refused); the bytes decide the extension.
 *
 * - At most `concurrency` images at once across all jobs, each streamed to disk (never held whole
 *   in memory), through a temporary file renamed into place: a crash or a kill never leaves a
 *   half-written image under its final name.
 * - A file already there with the same size (as the previous manifest or the host's
 *   `Content-Length` says) is kept and not downloaded again.
 * - The image host never receives the API key or any `Authorization` header; redirects are
 *   followed only to `https:` (or `http:` on a loopback host); no event, error or manifest
 *   contains a URL's query (its signature).
 * - An image that cannot be downloaded is an `image-failed` event with a typed error, and the
 *   other images go on: `ImageExpired` when the host answers 403 or 410 or the job completed more
 *   than 7 days ago (no request then), `DecodeError` for a `preview_url` that is not an http(s)
 *   URL, a type other than `image/*` or bytes that are not PNG, JPEG or WebP, `NetworkError` for
 *   a broken or too large body (`maxBytes`), `Timeout`, `FileSystem`.
 * - The stream itself fails only when a job's folder cannot be created (`FileSystem`), or with
 *   the source's error. Unsubscribing aborts every download in flight and removes its temporary
 *   file.
 *
 * Throws a `ValidationError` naming the field when an option is invalid.
 *
 * @param options - The folder (`dir`), and optionally `concurrency`, `maxBytes`, `timeoutMs`, `maxRedirects`,
 * `fetch` and `scheduler` (see {@link DownloadAdsOptions}).
 * @throws `ValidationError` (source `client`) at once for an invalid option. In the error channel, a
 * `FileSystemError` when a job's folder cannot be created, and the source's errors; an image that
 * cannot be downloaded is an `image-failed` event instead.
 *
 * @example
 * ```ts
 * import { mkdtemp, readdir, rm } from 'node:fs/promises'
 * import { tmpdir } from 'node:os'
 * import { join } from 'node:path'
 * import { lastValueFrom } from 'rxjs'
 * import { createPixiiClient } from 'pixii-rx'
 * import { downloadAds } from 'pixii-rx/node'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * const pixii = createPixiiClient({ apiKey: simulator.testKey, baseUrl: simulator.url })
 * const dir = await mkdtemp(join(tmpdir(), 'pixii-images-'))
 * const id = simulator.createJob({ key: simulator.testKey, adCount: 3, outcome: { kind: 'partial', failedAds: 1, errorCode: 'CONTENT_POLICY' } })
 * const last = await lastValueFrom(pixii.watchJob$(id).pipe(downloadAds({ dir })))
 * if (last.kind === 'manifest') console.log(last.manifest.images.length, last.manifest.failedAds[0]?.code, last.progress.done)
 * console.log((await readdir(join(dir, id))).join(' '))
 * console.log(simulator.imageLog.filter((request) => request.hadAuthorization).length)
 * await simulator.close()
 * await rm(dir, { recursive: true })
 * // Output: 2 CONTENT_POLICY 2
 * // Output: ad-01.png ad-02.png manifest.json
 * // Output: 0
 * ```
 *
 * @see `splitAds` (from `pixii-rx`) for the succeeded and failed images without downloading them
 */
export function downloadAds(options: DownloadAdsOptions): OperatorFunction<Job, DownloadEvent> {
  const settings = normalizeDownloadOptions(options)
  return (source) =>
    defer(() => {
      const limit = createLimiter(settings.concurrency)
      const seen = new Set<string>()
      let progress: DownloadProgress = { images: 0, done: 0, skipped: 0, failed: 0, bytes: 0 }
      const failedImage = (jobId: string, adIndex: number, error: PixiiError): DownloadEvent => {
        progress = { ...progress, failed: progress.failed + 1 }
        return { kind: 'image-failed', jobId, adIndex, error, progress }
      }
      // A job whose id cannot name a folder: each of its images fails, and nothing touches the disk.
      const unsafeJob$ = (job: CompletedJob, error: PixiiError): Observable<DownloadEvent> =>
        defer(() => {
          const adIndexes = job.output.ads.flatMap((ad, adIndex) => (isSucceededAd(ad) ? [adIndex] : []))
          progress = { ...progress, images: progress.images + adIndexes.length }
          return from(adIndexes.map((adIndex) => failedImage(job.id, adIndex, error)))
        })

      const jobEvents$ = (prepared: PreparedJob): Observable<DownloadEvent> => {
        const { job, folder, tasks, refused, manifestFile } = prepared
        const images: DownloadedImage[] = []
        const failures: Array<{ adIndex: number; error: PixiiError }> = []
        const imageEvent = (adIndex: number, outcome: ImageOutcome): DownloadEvent => {
          if (!outcome.ok) {
            failures.push({ adIndex, error: outcome.error })
            return failedImage(job.id, adIndex, outcome.error)
          }
          const { entry, skipped } = outcome
          images.push(entry)
          progress = { ...progress, done: progress.done + 1, skipped: progress.skipped + (skipped ? 1 : 0), bytes: progress.bytes + (skipped ? 0 : entry.bytes) }
          return { kind: 'image', jobId: job.id, adIndex, file: join(folder, entry.file), bytes: entry.bytes, sha256: entry.sha256, skipped, progress }
        }
        const manifest$ = defer(async (): Promise<DownloadEvent> => {
          const manifest = buildManifest(job, images, failures, new Date(settings.scheduler.now()).toISOString())
          await writeJsonAtomically(manifestFile, manifest)
          return { kind: 'manifest', jobId: job.id, file: manifestFile, manifest, progress }
        })
        const refused$ = from(refused).pipe(map(({ adIndex, error }) => imageEvent(adIndex, { ok: false, error })))
        const images$ = from(tasks).pipe(mergeMap((task) => limit(image$(task, settings)).pipe(map((outcome) => imageEvent(task.adIndex, outcome)))))
        return concat(refused$, images$, manifest$)
      }

      return source.pipe(
        completedJob(),
        mergeMap((job) => {
          if (seen.has(job.id)) return EMPTY
          seen.add(job.id)
          const folder = jobFolder(settings.dir, job.id)
          if (!folder.ok) return unsafeJob$(job, folder.error)
          return defer(() => prepareJob(job, folder.folder)).pipe(
            tap((prepared) => (progress = { ...progress, images: progress.images + prepared.tasks.length + prepared.refused.length })),
            mergeMap(jobEvents$),
          )
        }),
      )
    })
}
