import { useMemo, useSyncExternalStore } from 'react'
import type { PixiiClient } from '../client/PixiiClient.js'
import type { WatchOptions } from '../watch/WatchOptions.js'
import { createJobStore } from './createJobStore.js'
import type { JobSnapshot } from './JobSnapshot.js'

/**
 * Watches a job in a React component: its latest state, what the watch ended with, and where it
 * stands with the network (to show "offline" or "reconnecting"). Built on
 * `useSyncExternalStore`, so concurrent rendering never shows two states at once. A new `id`
 * (or client) starts from a fresh snapshot; unmounting stops the watch (aborting its request),
 * though the job runs on at Pixii. Cards of one job share one polling loop of the client. Strict
 * Mode's second subscription keeps the watch it started: one request, not two. On the server
 * it renders the first snapshot and sends nothing. `options` are read when the watch starts.
 *
 * @param pixii - The client: make it once, outside components (a module or a context).
 * @param id - The job id; `undefined` or `null` watches nothing.
 * @param options - The watch's options (schedule, deadline, `pauseWhenHidden`, …).
 * @throws Never: what the watch ends with is the snapshot's `error` (`JobFailed`, `JobNotFound`, `Timeout`,
 * a `ValidationError` for bad options or for a page's client used on a server).
 *
 * @example
 * ```ts no-run
 * import { createElement } from 'react'
 * import { createPixiiClient } from 'pixii-rx'
 * import { useJob } from 'pixii-rx/react'
 *
 * const pixii = createPixiiClient({ baseUrl: '/pixii' }) // the proxy adds the key
 *
 * export function JobCard({ id }: { id: string }) {
 *   const { job, error, connection } = useJob(pixii, id)
 *   const status = error !== undefined ? 'failed' : (job?.status ?? 'loading')
 *   return createElement('p', null, connection.kind === 'online' ? status : `${status} (${connection.kind})`)
 * }
 * ```
 */
export function useJob(pixii: PixiiClient, id: string | undefined | null, options?: WatchOptions): JobSnapshot {
  // The store is made for one client and id (and the options of that moment); a new id starts over.
  const store = useMemo(() => createJobStore(pixii, id ?? undefined, options), [pixii, id])
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
}
