import { randomBytes } from 'node:crypto'

// `ad-01.png.pixii-0123456789ab.part`, `manifest.json.pixii-….part`: the final name (one that
// downloadAds itself gives), a marker, 12 hex digits. A user's `notes.part` never matches.
const partFilePattern = /^(?:ad-\d{2,}\.(?:png|jpg|webp)|manifest\.json)\.pixii-[0-9a-f]{12}\.part$/

/**
 * The temporary name under which `file` is written before it is renamed into place: the same
 * folder, the same name, then `.pixii-<12 random hex digits>.part`, so that two writers never
 * share one and {@link isPartFile} recognises it.
 *
 * @example
 * ```ts
 * import { partFileFor } from './partFile.js'
 * console.log(partFileFor('/images/job_1/ad-01.png').replace(/[0-9a-f]{12}/, '…'))
 * // Output: /images/job_1/ad-01.png.pixii-….part
 * ```
 */
export function partFileFor(file: string): string {
  return `${file}.pixii-${randomBytes(6).toString('hex')}.part`
}

/**
 * Whether a file name in a job's folder is a temporary file that pixii-rx left there (a run
 * killed mid-write): only these are removed when a job's folder is prepared again.
 *
 * @example
 * ```ts
 * import { isPartFile, partFileFor } from './partFile.js'
 * console.log(isPartFile(partFileFor('ad-01.png')), isPartFile(partFileFor('manifest.json')), isPartFile('notes.part'), isPartFile('ad-01.png.part'))
 * // Output: true true false false
 * ```
 */
export function isPartFile(name: string): boolean {
  return partFilePattern.test(name)
}
