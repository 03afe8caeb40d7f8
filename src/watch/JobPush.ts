import type { Observable } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import type { TransportConfig } from '../http/TransportConfig.js'

/**
 * What a {@link JobPush} gets for one watch: where to ask, and the polling that takes over.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import type { PushedWatch } from 'pixii-rx/watcher'
 * // A push that logs which job it was asked for, then polls.
 * const logged = ({ id, poll$ }: PushedWatch) => {
 *   console.log('no push for', id)
 *   return poll$()
 * }
 * createPixiiClient({ apiKey: 'pk_test_abc', serverPush: logged })
 * ```
 */
export interface PushedWatch {
  /** The client's transport: its `baseUrl`, key, fetch, scheduler and request timeout. */
  readonly transport: TransportConfig
  /** The job watched. */
  readonly id: string
  /** The watch's job token, for a proxy that asks for one. */
  readonly token: string | undefined
  /** The job polled from now on (shared with the watch's other subscribers), as without push. */
  readonly poll$: () => Observable<Job>
  /** Tells the client that the server has no push at all: its later watches poll from the start. */
  readonly notOffered: () => void
}

/**
 * How a client's watches hear a job pushed by a server before they poll: its `serverPush`
 * option, `serverSentEvents` from `pixii-rx/watcher` for a `pixii-rx/proxy`. Called once per
 * shared watch of a job; emits the job's states as `watchJob$` shows them, and falls back on
 * `poll$` where push fails. Kept apart from `watchJob$` so that a bundle that never pushes
 * leaves all of it out.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import type { JobPush } from 'pixii-rx/watcher'
 * // A server known to push nothing: say so once, and poll.
 * const none: JobPush = ({ poll$, notOffered }) => {
 *   notOffered()
 *   return poll$()
 * }
 * createPixiiClient({ apiKey: 'pk_test_abc', serverPush: none })
 * ```
 */
export type JobPush = (watch: PushedWatch) => Observable<Job>
