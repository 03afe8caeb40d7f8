import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { either } from 'fp-ts'
import { isSucceededAd } from '../codecs/Ad.js'
import type { CompletedJob } from '../codecs/Job.js'
import type { DecodeError } from '../errors/DecodeError.js'
import { DownloadManifest } from './DownloadManifest.js'
import { fileSystemError } from './fileSystemError.js'
import type { ImageTask } from './ImageTask.js'
import { isPartFile } from './partFile.js'
import { previewUrl } from './previewUrl.js'

/** A job ready to download: its folder, its manifest's path, its images, and those that cannot be. */
export interface PreparedJob {
  readonly job: CompletedJob
  readonly folder: string
  readonly manifestFile: string
  readonly tasks: readonly ImageTask[]
  /** Images whose `preview_url` cannot be downloaded from: no request is made for them. */
  readonly refused: ReadonlyArray<{ readonly adIndex: number; readonly error: DecodeError }>
}

async function previousManifest(file: string): Promise<DownloadManifest | undefined> {
  try {
    const decoded = DownloadManifest.decode(JSON.parse(await readFile(file, 'utf8')))
    return either.isRight(decoded) ? decoded.right : undefined
  } catch {
    return undefined
  }
}

async function removeLeftovers(folder: string, names: readonly string[]): Promise<void> {
  const remove = async (name: string): Promise<void> => {
    const file = join(folder, name)
    if ((await lstat(file)).isFile()) await rm(file, { force: true })
  }
  await Promise.all(names.filter(isPartFile).map((name) => remove(name).catch(() => undefined)))
}

/**
 * Creates a job's `folder` (which `jobFolder` has checked), removes the temporary files a killed
 * pixii-rx run may have left there (only names `partFileFor` gives, never a user's `notes.part`),
 * reads the previous `manifest.json` (if any and valid) and lists the job's images to download;
 * an image whose `preview_url` is not an http(s) URL is listed as refused. Throws a
 * `FileSystemError` when the folder cannot be created or read.
 *
 * @example
 * ```ts no-run
 * import { prepareJob } from './prepareJob.js'
 * declare const job: import('pixii-rx').CompletedJob
 * const { tasks, refused } = await prepareJob(job, '/images/job_1')
 * console.log(tasks.length, refused.length)
 * ```
 */
export async function prepareJob(job: CompletedJob, folder: string): Promise<PreparedJob> {
  const manifestFile = join(folder, 'manifest.json')
  let names: string[]
  try {
    await mkdir(folder, { recursive: true })
    names = await readdir(folder)
  } catch (error) {
    throw fileSystemError(error, folder, 'create the folder')
  }
  await removeLeftovers(folder, names)
  const previous = await previousManifest(manifestFile)
  const tasks: ImageTask[] = []
  const refused: Array<{ adIndex: number; error: DecodeError }> = []
  for (const [adIndex, ad] of job.output.ads.entries()) {
    if (!isSucceededAd(ad)) continue
    const checked = previewUrl(ad.preview_url, job.id, adIndex)
    if (!checked.ok) {
      refused.push({ adIndex, error: checked.error })
      continue
    }
    const stem = `ad-${String(adIndex + 1).padStart(2, '0')}`
    tasks.push({ job, adIndex, url: checked.url, folder, stem, previous: previous?.images.find((image) => image.adIndex === adIndex) })
  }
  return { job, folder, manifestFile, tasks, refused }
}
