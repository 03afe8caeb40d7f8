import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { DecodeError } from '../errors/DecodeError.js'
import { ImageExpiredError } from '../errors/ImageExpiredError.js'
import { NetworkError } from '../errors/NetworkError.js'
import { ServerError } from '../errors/ServerError.js'
import { scrubbedCause } from '../http/scrubbedCause.js'
import { fetchImage } from './fetchImage.js'
import { fileSystemError } from './fileSystemError.js'
import { hashFile } from './hashFile.js'
import { shownUrl } from './imageUrl.js'
import type { DownloadSettings, ImageOutcome, ImageTask } from './ImageTask.js'
import { retentionMs } from './retention.js'
import { DiskFailed, TooLarge, writeAtomically } from './writeAtomically.js'

async function sizeOnDisk(file: string): Promise<number | undefined> {
  return stat(file).then((s) => (s.isFile() ? s.size : undefined), () => undefined)
}

async function alreadyThere(task: ImageTask, size: number, contentType: string): Promise<ImageOutcome> {
  const source = shownUrl(new URL(task.url))
  const entry = { adIndex: task.adIndex, file: basename(task.file), bytes: size, sha256: await hashFile(task.file), contentType, source }
  return { ok: true, entry, skipped: true }
}

function expired(task: ImageTask, reason: 'forbidden' | 'gone' | 'past-retention', context: { status?: number } = {}): ImageOutcome {
  const url = new URL(task.url)
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
 * with the size an earlier manifest recorded is kept without any request; a job completed more
 * than 7 days ago (by `settings.scheduler`) is `ImageExpired` without a request; otherwise the
 * image is fetched without credentials (see `fetchImage`), 403/410 are `ImageExpired`, a type
 * other than `image/*` is a `DecodeError`, a file already there with the announced
 * `Content-Length` is kept, and anything else is streamed through `writeAtomically`. Rejects only
 * when `signal` aborts.
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
  const existing = await sizeOnDisk(task.file)
  if (existing !== undefined && existing === task.previous?.bytes) return alreadyThere(task, existing, task.previous.contentType)
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
  if (declared > settings.maxBytes) {
    await discard()
    return { ok: false, error: tooLarge() }
  }
  if (existing !== undefined && existing === declared) {
    await discard()
    return alreadyThere(task, existing, contentType)
  }
  try {
    const limits = { maxBytes: settings.maxBytes, ...(Number.isFinite(declared) ? { expectedBytes: declared } : {}) }
    const written = await writeAtomically(response.body, task.file, limits, signal)
    const entry = { adIndex: task.adIndex, file: basename(task.file), bytes: written.bytes, sha256: written.sha256, contentType, source: shownUrl(url) }
    return { ok: true, entry, skipped: false }
  } catch (error) {
    if (signal.aborted) throw error
    if (error instanceof TooLarge) return { ok: false, error: tooLarge() }
    if (error instanceof DiskFailed) return { ok: false, error: fileSystemError(error.cause, task.file, 'write the image') }
    const message = `The download of ${shownUrl(url)} broke off`
    return { ok: false, error: new NetworkError({ message, failure: 'reset', context, cause: scrubbedCause(error, []) }) }
  }
}
