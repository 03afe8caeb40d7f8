import type { Job } from '../codecs/Job.js'
import type { ConnectionState } from '../watch/ConnectionState.js'

/**
 * What `useJob` returns: one job's watch as a component shows it. A new object at each change,
 * and the same object while nothing changes, as `useSyncExternalStore` needs.
 *
 * @example
 * ```ts
 * import type { JobSnapshot } from 'pixii-rx/react'
 * const label = (watch: JobSnapshot): string =>
 *   watch.error !== undefined ? 'failed' : watch.job === undefined ? 'loading' : watch.connection.kind === 'online' ? watch.job.status : `${watch.job.status} (${watch.connection.kind})`
 * console.log(label({ id: 'job_1', job: undefined, error: undefined, connection: { kind: 'online' }, done: false }))
 * // Output: loading
 * ```
 */
export interface JobSnapshot {
  /** The job id watched, or `undefined` when there is none (nothing is watched). */
  readonly id: string | undefined
  /** The latest job seen; `undefined` until the first answer. */
  readonly job: Job | undefined
  /** What the watch ended with (a `PixiiError`: `JobFailed`, `JobNotFound`, `Timeout`…), or `undefined`. */
  readonly error: unknown
  /** Where the watch stands with the network: `online`, `reconnecting`, `offline` or `hidden`. */
  readonly connection: ConnectionState
  /** Whether the watch has ended: completed, or with an error. */
  readonly done: boolean
}
