// Every file and folder under a root, with a hash of each file's bytes, so that a test can show
// that nothing outside a folder appeared, disappeared or changed.
import { createHash } from 'node:crypto'
import { lstat, readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'

/** Relative path (with `/`) to `dir`, `link`, or the SHA-256 of a file's bytes. */
export type FolderSnapshot = ReadonlyMap<string, string>

/** Walks `root` (without following links) and records each entry. */
export async function folderSnapshot(root: string): Promise<FolderSnapshot> {
  const entries = new Map<string, string>()
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name)
      const key = relative(root, path).split(sep).join('/')
      const stats = await lstat(path)
      if (stats.isDirectory()) {
        entries.set(key, 'dir')
        await walk(path)
      } else entries.set(key, stats.isSymbolicLink() ? 'link' : createHash('sha256').update(await readFile(path)).digest('hex'))
    }
  }
  await walk(root)
  return entries
}

/** What changed between two snapshots: added, removed and changed paths, each sorted. */
export function snapshotChanges(before: FolderSnapshot, after: FolderSnapshot): { added: string[]; removed: string[]; changed: string[] } {
  return {
    added: [...after.keys()].filter((key) => !before.has(key)).sort(),
    removed: [...before.keys()].filter((key) => !after.has(key)).sort(),
    changed: [...before.keys()].filter((key) => after.has(key) && after.get(key) !== before.get(key)).sort(),
  }
}
