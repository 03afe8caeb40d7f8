import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { RowRecord } from './JournalState.js'

/** Whether every image the journal recorded for a row is still on disk, with its size. */
export async function imagesOnDisk(out: string, record: RowRecord): Promise<boolean> {
  for (const image of record.images.values()) {
    try {
      if ((await stat(join(out, image.file))).size !== image.bytes) return false
    } catch {
      return false
    }
  }
  return true
}
