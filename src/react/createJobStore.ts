import type { Subscription } from 'rxjs'
import type { PixiiClient } from '../client/PixiiClient.js'
import type { WatchOptions } from '../watch/WatchOptions.js'
import type { JobSnapshot } from './JobSnapshot.js'

/**
 * An external store of one job's watch, in the shape `useSyncExternalStore` takes.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import { createJobStore, type JobStore } from 'pixii-rx/react'
 * const store: JobStore = createJobStore(createPixiiClient({ apiKey: 'pk_test_abc' }), undefined)
 * console.log(store.getSnapshot().done, store.getSnapshot() === store.getSnapshot())
 * // Output: false true
 * ```
 */
export interface JobStore {
  /** Starts the watch with the first listener; stops it when the last has left (and none came back). */
  readonly subscribe: (onChange: () => void) => () => void
  /** The current snapshot: the same object until something changes. */
  readonly getSnapshot: () => JobSnapshot
}

/**
 * One job's watch as an external store: lazy (nothing is sent until the first listener),
 * immutable snapshots, and a watch stopped a microtask after its last listener leaves, so that
 * React's Strict Mode (which subscribes, unsubscribes and subscribes again at once) keeps one
 * watch and makes one request. A watch that ended is not started again. `useJob` makes one per
 * client and id; other frameworks can use it as it is.
 *
 * @param pixii - The client.
 * @param id - The job id; `undefined` watches nothing.
 * @param options - The watch's options, read when the watch starts.
 * @throws Never: what the watch ends with is the snapshot's `error`.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import { createJobStore } from 'pixii-rx/react'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * const pixii = createPixiiClient({ apiKey: simulator.testKey, baseUrl: simulator.url })
 * const store = createJobStore(pixii, simulator.createJob({ key: simulator.testKey }))
 * console.log(store.getSnapshot().job) // nothing sent yet
 * await new Promise<void>((resolve) => {
 *   const stop = store.subscribe(() => {
 *     if (!store.getSnapshot().done) return
 *     stop()
 *     resolve()
 *   })
 * })
 * console.log(store.getSnapshot().job?.status)
 * await simulator.close()
 * // Output: undefined
 * // Output: completed
 * ```
 */
export function createJobStore(pixii: PixiiClient, id: string | undefined, options: WatchOptions = {}): JobStore {
  let snapshot: JobSnapshot = { id, job: undefined, error: undefined, connection: { kind: 'online' }, done: false }
  const listeners = new Set<() => void>()
  let watch: Subscription | undefined
  const update = (change: Partial<JobSnapshot>): void => {
    snapshot = { ...snapshot, ...change }
    for (const listener of [...listeners]) listener()
  }
  const start = (): void => {
    if (watch !== undefined || snapshot.done || id === undefined) return
    watch = pixii
      .watchJob$(id, {
        ...options,
        onConnection: (connection) => {
          options.onConnection?.(connection)
          if (connection.kind !== snapshot.connection.kind || connection.kind === 'reconnecting') update({ connection })
        },
      })
      .subscribe({
        next: (job) => update({ job }),
        error: (error: unknown) => update({ error, done: true }),
        complete: () => update({ done: true }),
      })
  }
  return {
    getSnapshot: () => snapshot,
    subscribe: (onChange) => {
      listeners.add(onChange)
      start()
      return () => {
        listeners.delete(onChange)
        queueMicrotask(() => {
          if (listeners.size > 0) return
          watch?.unsubscribe()
          watch = undefined
        })
      }
    },
  }
}
