import type { Observable, SchedulerLike } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import type { KeyKind } from '../http/KeyKind.js'
import type { FullRetryPolicy } from '../schedules/RetryPolicy.js'
import type { PollSchedule } from '../schedules/PollSchedule.js'
import type { PollEvent, PollOutcome } from './PollEvent.js'
import type { ConnectionState } from './ConnectionState.js'
import type { PageSignals } from './PageSignals.js'

// The shapes a polling loop is made of, apart from the loop itself (pollLoop$, LoopRun), so
// that the loop and the bodies it runs import these and not each other.

/** What one answer means to a loop: what to emit, whether to stop, and what to report. */
export interface LoopStep<E> {
  /** Values to emit, in order. */
  readonly emit: readonly E[]
  /** What telemetry says came back. */
  readonly outcome: PollOutcome
  /** The latest job emitted, for the schedule's context. */
  readonly job?: Job
  /** The job as it was answered (emitted or not), for schedules that learn. */
  readonly seen?: Job
  /** Full records of jobs the answer found finished (an ASIN listing's tick), for schedules that learn. */
  readonly records?: readonly Job[]
  /** The answer's `Date` header (ms since the epoch), for schedules that estimate Pixii's clock. */
  readonly serverDate?: number
  /** Ends the loop after emitting: completes, or errors with `error`. */
  readonly stop?: { readonly reason: 'completed' | 'failed' | 'idle'; readonly error?: unknown }
}

/** One subscription's view of a loop: how to poll, and what an answer means. */
export interface LoopBody<T, E> {
  /** One poll: a cold Observable of one answer. */
  readonly poll: () => Observable<T>
  /** Reads an answer. */
  readonly onAnswer: (answer: T) => LoopStep<E>
}

/** When a loop polls and how it rides out failures: what every loop takes from its client and watch. */
export interface LoopTiming {
  readonly schedule: PollSchedule
  readonly retry: FullRetryPolicy
  readonly scheduler: SchedulerLike
  readonly random: () => number
  readonly keyKind: KeyKind
  readonly onPoll?: (event: PollEvent) => void
  /** The page the loop runs in; without one it is always shown and online. */
  readonly page?: PageSignals
  /** Whether a hidden page pauses the loop (an offline one always does). Default true. */
  readonly pauseWhenHidden?: boolean
  /** Told when the loop goes online, offline, hidden, or reconnecting after a failure. */
  readonly onConnection?: (state: ConnectionState) => void
}

/** Everything a polling loop needs. */
export interface PollLoopConfig<T, E> extends LoopTiming {
  /** What the loop watches (a job id, an ASIN), for telemetry and messages. */
  readonly subject: string
  /**
   * What the subject is, for messages (`job job_1`, `ASIN B0CHX1W1XY`): a word shared by every
   * loop rather than a label string per loop, which ten thousand idle watches would each hold.
   */
  readonly noun: 'job' | 'ASIN'
  /** Called once per subscription, so that each run has its own state. */
  readonly body: () => LoopBody<T, E>
}
