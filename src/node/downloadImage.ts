import { open, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { DecodeError } from '../errors/DecodeError.js'
import { ImageExpiredError } from '../errors/ImageExpiredError.js'
import { NetworkError } from '../errors/NetworkError.js'
import type { RequestContext } from '../errors/RequestContext.js'
import { ServerError } from '../errors/ServerError.js'
import { scrubbedCause } from '../http/scrubbedCause.js'
import { fetchImage } from './fetchImage.js'
import { fileSystemError } from './fileSystemError.js'
import { hashFile } from './hashFile.js'
import { shownUrl } from './imageUrl.js'
import type { DownloadSettings, ImageOutcome, ImageTask } from './ImageTask.js'
import { peekBody, type PeekedBody } from './peekBody.js'
import { rasterTypeOf, sniffedBytes, type RasterType } from './rasterTypeOf.js'
import { retentionMs } from './retention.js'
import { DiskFailed, TooLarge, writeAtomically } from './writeAtomically.js'

/** A regular file whose first bytes are a raster image: its size and type; anything else is `undefined`. */
async function rasterOnDisk(file: string): Promise<{ readonly size: number; readonly type: RasterType } | undefined> {
  try {
    if (!(await stat(file)).isFile()) return undefined
    const handle = await open(file, 'r')
    try {
      const head = new Uint8Array(sniffedBytes)
      const { bytesRead } = await handle.read(head, 0, sniffedBytes, 0)
      const type = rasterTypeOf(head.subarray(0, bytesRead))
      return type === undefined ? undefined : { size: (await handle.stat()).size, type }
    } finally {
      await handle.close()
    }
  } catch {
    return undefined
  }
}

/** The file an earlier manifest recorded for this image, when it is a name this task would give. */
function recordedFile(task: ImageTask): string | undefined {
  const name = task.previous?.file
  return name !== undefined && new RegExp(`^${task.stem}\\.(?:png|jpg|webp)$`).test(name) ? join(task.folder, name) : undefined
}

async function alreadyThere(task: ImageTask, file: string, onDisk: { readonly size: number; readonly type: RasterType }): Promise<ImageOutcome> {
  const entry = { adIndex: task.adIndex, file: basename(file), bytes: onDisk.size, sha256: await hashFile(file), contentType: onDisk.type.mime, source: shownUrl(task.url) }
  return { ok: true, entry, skipped: true }
}

function notRaster(url: URL, head: Uint8Array, context: RequestContext): ImageOutcome {
  const actual = head.length < sniffedBytes ? `${head.length} bytes` : `bytes ${Buffer.from(head.subarray(0, 8)).toString('hex')}…`
  const message = `The answer from ${shownUrl(url)} is not a PNG, JPEG or WebP image (${actual}), so it was not saved`
  return { ok: false, error: new DecodeError({ message, issues: [{ path: 'body', expected: 'PNG, JPEG or WebP bytes', actual }], context }) }
}

function expired(task: ImageTask, reason: 'forbidden' | 'gone' | 'past-retention', context: { status?: number } = {}): ImageOutcome {
  const url = task.url
  const why = reason === 'past-retention' ? 'the job completed more than 7 days ago' : `the image host answered ${context.status}`
  const completed = task.job.completed_at === null ? undefined : Date.parse(task.job.completed_at)
  const error = new ImageExpiredError({
    message: `Image ${task.adIndex + 1} of job ${task.job.id} has expired (${why}): ${shownUrl(url)}`,
    reason,
    jobId: task.job.id,
    adIndex: task.adIndex,
    ...(completed === undefined ? {} : { expiresAt: new Date(completed + retentionMs).toISOString() }),
    context: { method: 'GET', path: url.pathname, ...context },
  })
  return { ok: false, error }
}

/**
 * Downloads one image to its file, or says why not, as a value. In order: a file already there
 * with the name and size an earlier manifest recorded (and raster bytes) is kept without any
 * request; a job completed more than 7 days ago (by `settings.scheduler`) is `ImageExpired`
 * without a request; otherwise the image is fetched without credentials (see `fetchImage`),
 * 403/410 are `ImageExpired`, a type other than `image/*` is a `DecodeError`, and the first bytes
 * are read before anything touches the disk: unless they are PNG, JPEG or WebP (whatever the
 * host says) it is a `DecodeError` and nothing is written. They also decide the extension
 * (`ad-01.png`, `.jpg`, `.webp`). A file already there with the announced `Content-Length` is
 * kept, and anything else is streamed through `writeAtomically`. Rejects only when `signal`
 * aborts.
 *
 * @example
 * ```ts no-run
 * import { downloadImage } from './downloadImage.js'
 * declare const task: import('./ImageTask.js').ImageTask
 * declare const settings: import('./ImageTask.js').DownloadSettings
 * const outcome = await downloadImage(task, settings, new AbortController().signal)
 * console.log(outcome.ok ? outcome.entry.sha256 : outcome.error._tag)
 * ```
 */
export async function downloadImage(task: ImageTask, settings: DownloadSettings, signal: AbortSignal): Promise<ImageOutcome> {
  const recorded = recordedFile(task)
  const kept = recorded === undefined ? undefined : await rasterOnDisk(recorded)
  if (recorded !== undefined && kept !== undefined && kept.size === task.previous?.bytes) return alreadyThere(task, recorded, kept)
  const completed = task.job.completed_at === null ? Number.NaN : Date.parse(task.job.completed_at)
  if (settings.scheduler.now() >= completed + retentionMs) return expired(task, 'past-retention')

  const fetched = await fetchImage(settings.fetch, task.url, settings.maxRedirects, signal)
  if (!fetched.ok) return fetched
  const { response, url } = fetched
  const context = { method: 'GET', path: url.pathname, status: response.status, jobId: task.job.id }
  const discard = () => response.body?.cancel().catch(() => undefined)
  if (response.status === 403 || response.status === 410) {
    await discard()
    return expired(task, response.status === 403 ? 'forbidden' : 'gone', { status: response.status })
  }
  if (response.status < 200 || response.status > 299 || response.body === null) {
    await discard()
    return { ok: false, error: new ServerError({ message: `The image host answered ${response.status} for ${shownUrl(url)}`, context }) }
  }
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!contentType.startsWith('image/')) {
    await discard()
    const issues = [{ path: 'content-type', expected: 'image/*', actual: contentType }]
    return { ok: false, error: new DecodeError({ message: `content-type: expected image/*, got "${contentType}" from ${shownUrl(url)}`, issues, context }) }
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  const tooLarge = () => new NetworkError({ message: `The image at ${shownUrl(url)} is larger than ${settings.maxBytes} bytes`, failure: 'body-too-large', context })
  const brokeOff = (error: unknown): ImageOutcome => {
    const message = `The download of ${shownUrl(url)} broke off`
    return { ok: false, error: new NetworkError({ message, failure: 'reset', context, cause: scrubbedCause(error, []) }) }
  }
  if (declared > settings.maxBytes) {
    await discard()
    return { ok: false, error: tooLarge() }
  }
  let peeked: PeekedBody
  try {
    peeked = await peekBody(response.body, sniffedBytes, signal)
  } catch (error) {
    if (signal.aborted) throw error
    return brokeOff(error)
  }
  const type = rasterTypeOf(peeked.head)
  if (type === undefined) {
    await peeked.body.cancel().catch(() => undefined)
    return notRaster(url, peeked.head, context)
  }
  const file = join(task.folder, `${task.stem}.${type.extension}`)
  const existing = await rasterOnDisk(file)
  if (existing !== undefined && existing.size === declared) {
    await peeked.body.cancel().catch(() => undefined)
    return alreadyThere(task, file, existing)
  }
  try {
    const limits = { maxBytes: settings.maxBytes, ...(Number.isFinite(declared) ? { expectedBytes: declared } : {}) }
    const written = await writeAtomically(peeked.body, file, limits, signal)
    const entry = { adIndex: task.adIndex, file: basename(file), bytes: written.bytes, sha256: written.sha256, contentType: type.mime, source: shownUrl(url) }
    return { ok: true, entry, skipped: false }
  } catch (error) {
    if (signal.aborted) throw error
    if (error instanceof TooLarge) return { ok: false, error: tooLarge() }
    if (error instanceof DiskFailed) return { ok: false, error: fileSystemError(error.cause, file, 'write the image') }
    return brokeOff(error)
  }
}
