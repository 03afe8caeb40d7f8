import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LedgerJob } from '../src/testing/ledger.js'

/** How a job's images on disk compare with the ledger's: the ones it served, on disk, with a wrong SHA-256. */
export interface ImageTally {
  expected: number
  present: number
  wrongHash: number
}

/**
 * Adds to `tally` the images the simulator served for `job` (the failed ads have none): each is
 * looked up among the `files` its results line names under `out` (`<job id>/ad-NN.<ext>`), and
 * hashed against the ledger. Shared by the catalogue crash run and the fleet run, which judge
 * the same way.
 */
export async function tallyImages(job: LedgerJob, files: readonly string[], out: string, tally: ImageTally): Promise<void> {
  for (const image of job.images) {
    if (image === null) continue
    tally.expected += 1
    const file = files.find((name) => name.startsWith(`${job.id}/ad-${String(image.ad).padStart(2, '0')}.`))
    const onDisk = file === undefined ? undefined : await readFile(join(out, file)).catch(() => undefined)
    if (onDisk === undefined) continue
    tally.present += 1
    if (createHash('sha256').update(onDisk).digest('hex') !== image.sha256) tally.wrongHash += 1
  }
}
