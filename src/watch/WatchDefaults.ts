import type { KeyKind } from '../http/KeyKind.js'
import type { JobPush } from './JobPush.js'
import type { TransportConfig } from '../http/TransportConfig.js'
import type { PageSignals } from './PageSignals.js'
import type { PollEvent } from './PollEvent.js'
import type { PollSchedule } from '../schedules/PollSchedule.js'
import type { FullRetryPolicy } from '../schedules/RetryPolicy.js'

/**
 * What a client gives every watch it starts: its transport, and the defaults that a watch's own
 * options override. The watch layer asks for this much and no more, so it never depends on how
 * a client is assembled.
 */
export interface WatchDefaults extends TransportConfig {
  readonly keyKind: KeyKind
  readonly schedule: PollSchedule
  readonly retry: FullRetryPolicy
  readonly random: () => number
  readonly onPoll?: (event: PollEvent) => void
  /** The page whose visibility and connectivity pause watches (`browserPage` unless given). */
  readonly page: PageSignals
  /** Whether a hidden page pauses watches. */
  readonly pauseWhenHidden: boolean
  /** The overall deadline of every watch, in milliseconds, or `false` for none. */
  readonly watchTimeoutMs: number | false
  /** The server push that watches try before polling; none: they poll. */
  readonly serverPush?: JobPush
}
