import { watch } from 'node:fs/promises'

/** Resolves once `check()` holds, re-checking on each file-system event in `folder`. */
export async function untilFolderCheck(folder: string, check: () => Promise<boolean>): Promise<void> {
  const controller = new AbortController()
  const events = watch(folder, { signal: controller.signal })
  try {
    if (await check()) return
    for await (const _event of events) if (await check()) return
  } finally {
    controller.abort()
  }
}
