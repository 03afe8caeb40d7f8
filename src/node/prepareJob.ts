import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { isRight } from 'fp-ts/lib/Either.js'
import { isSucceededAd } from '../codecs/Ad.js'
import type { CompletedJob } from '../codecs/Job.js'
import { DownloadManifest } from './DownloadManifest.js'
import { fileSystemError } from './fileSystemError.js'
import type { ImageTask } from './ImageTask.js'

const imageExtensions: ReadonlySet<string> = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.avif'])

/**
 * The file name of image `adIndex`: `ad-01.png`, `ad-02.jpg`, … with the extension of the URL's
 * path when it is an image one, else `.img`.
 *
 * @example
 * ```ts
 * import { imageFileName } from './prepareJob.js'
 * console.log(imageFileName(0, 'https://img.example/images/job_1/1.png?signature=abc'), imageFileName(11, 'https://img.example/x'))
 * // Output: ad-01.png ad-12.img
 * ```
 */
export function imageFileName(adIndex: number, url: string): string {
  const extension = extname(new URL(url).pathname).toLowerCase()
  return `ad-${String(adIndex + 1).padStart(2, '0')}${imageExtensions.has(extension) ? extension : '.img'}`
}

/** A job ready to download: its folder, its manifest's path, the earlier manifest, its images. */
export interface PreparedJob {
  readonly job: CompletedJob
  readonly folder: string
  readonly manifestFile: string
  readonly tasks: readonly ImageTask[]
}

async function previousManifest(file: string): Promise<DownloadManifest | undefined> {
  try {
    const decoded = DownloadManifest.decode(JSON.parse(await readFile(file, 'utf8')))
    return isRight(decoded) ? decoded.right : undefined
  } catch {
    return undefined
  }
}

/**
 * Creates `<dir>/<job id>/`, removes the `.part` files a killed run may have left there, reads
 * the previous `manifest.json` (if any and valid) and lists the job's images to download. Throws
 * a `FileSystemError` when the folder cannot be created or read.
 *
 * @example
 * ```ts no-run
 * import { prepareJob } from './prepareJob.js'
 * declare const job: import('pixii-rx').CompletedJob
 * const { folder, tasks } = await prepareJob(job, 'images')
 * console.log(folder, tasks.length)
 * ```
 */
export async function prepareJob(job: CompletedJob, dir: string): Promise<PreparedJob> {
  const folder = resolve(dir, job.id)
  const manifestFile = join(folder, 'manifest.json')
  let names: string[]
  try {
    await mkdir(folder, { recursive: true })
    names = await readdir(folder)
  } catch (error) {
    throw fileSystemError(error, folder, 'create the folder')
  }
  await Promise.all(names.filter((name) => name.endsWith('.part')).map((name) => rm(join(folder, name), { force: true }).catch(() => undefined)))
  const previous = await previousManifest(manifestFile)
  const tasks = job.output.ads.flatMap((ad, adIndex): ImageTask[] => {
    if (!isSucceededAd(ad)) return []
    const file = join(folder, imageFileName(adIndex, ad.preview_url))
    return [{ job, adIndex, url: ad.preview_url, file, previous: previous?.images.find((image) => image.adIndex === adIndex) }]
  })
  return { job, folder, manifestFile, tasks }
}
