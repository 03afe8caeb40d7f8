import * as fs from 'node:fs/promises'
import type { JournalFile, JournalFileSystem } from '../../src/catalogue/index.js'

/** A file system whose disk fills up after `room` more bytes: a write then puts what fits and fails with ENOSPC, as Linux does. */
export function fillingDisk(room: { bytes: number }): JournalFileSystem {
  return {
    ...(fs as unknown as JournalFileSystem),
    async open(path, flags, mode) {
      const handle = (await fs.open(path, flags, mode)) as unknown as JournalFile
      return {
        write: async (buffer, offset = 0, length = buffer.length - offset, position = null) => {
          if (room.bytes <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' })
          const fits = Math.min(length, room.bytes)
          room.bytes -= fits
          return handle.write(buffer, offset, fits, position)
        },
        datasync: () => handle.datasync(),
        sync: () => handle.sync(),
        truncate: (length) => handle.truncate(length),
        close: () => handle.close(),
      }
    },
  }
}
