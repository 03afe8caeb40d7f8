import { basename, dirname, resolve } from 'node:path'
import { DecodeError } from '../errors/DecodeError.js'

// Letters, digits, `_`, `-` and inner dots: no separator of any system (`/`, `\`), no drive or
// stream (`C:`, `a:b`), no `.` or `..`, no hidden or trailing-dot name, nothing to quote.
const safeSegment = /^[A-Za-z0-9_-](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9_-])?$/
// Names Windows keeps for devices, with or without an extension.
const windowsDevice = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\..*)?$/i
const expected = 'one folder name: 1 to 128 letters, digits, "_", "-" or inner "."'

/** Where a job's files go, or why its id cannot name a folder. */
export type JobFolder = { readonly ok: true; readonly folder: string } | { readonly ok: false; readonly error: DecodeError }

/**
 * The folder of a job's files, `<dir>/<job id>`, when the id (which comes from the server's
 * answer) is one safe folder name and the folder is a direct child of `dir`; otherwise a
 * `DecodeError` on `id`, so that no answer can make `downloadAds` write, move or delete anything
 * outside `dir`. Checks names only: it touches no file.
 *
 * @example
 * ```ts
 * import { jobFolder } from './jobFolder.js'
 * const good = jobFolder('/images', 'job_8f2c41')
 * console.log(good.ok && good.folder)
 * for (const id of ['../../x', '..', '/abs/path', 'C:', 'a\\b', '.hidden']) {
 *   const refused = jobFolder('/images', id)
 *   if (!refused.ok) console.log(refused.error.issues[0]?.actual)
 * }
 * // Output: /images/job_8f2c41
 * // Output: ../../x
 * // Output: ..
 * // Output: /abs/path
 * // Output: C:
 * // Output: a\b
 * // Output: .hidden
 * ```
 */
export function jobFolder(dir: string, id: string): JobFolder {
  const root = resolve(dir)
  const folder = resolve(root, id)
  if (safeSegment.test(id) && !windowsDevice.test(id) && dirname(folder) === root && basename(folder) === id) return { ok: true, folder }
  const error = new DecodeError({
    message: `The job id ${JSON.stringify(id)} cannot name a folder (expected ${expected}): nothing of this job is written`,
    issues: [{ path: 'id', expected, actual: id }],
    context: { jobId: id },
  })
  return { ok: false, error }
}
