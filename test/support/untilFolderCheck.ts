import { watch } from 'node:fs/promises'

/**
 * Resolves once `check()` holds, re-checking on each file-system event in `folder`. The watcher
 * is started before the first check: `watch` is an async generator that sets nothing up until
 * asked for its first event, so a change between a first check and that request would be missed.
 */
export async function untilFolderCheck(folder: string, check: () => Promise<boolean>): Promise<void> {
  const controller = new AbortController()
  const events = watch(folder, { signal: controller.signal })[Symbol.asyncIterator]()
  let event = events.next()
  try {
    while (!(await check())) {
      if ((await event).done === true) throw new Error(`stopped watching ${folder} before the check held`)
      event = events.next()
    }
  } finally {
    controller.abort()
    await event.catch(() => undefined)
  }
}
