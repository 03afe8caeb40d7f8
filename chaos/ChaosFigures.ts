import type { Verdict } from './Verdict.js'

/** What a chaos run measured. Every field under "promised zeros" must be 0. */
export interface ChaosFigures {
  readonly seed: number
  /** Jobs created and watched. */
  readonly jobs: number
  /** Of those, watched in ASIN groups through `watchJobs$` (polled through the listing). */
  readonly groupedJobs: number
  /** Solo watches the run unsubscribed midway, before their job finished. */
  readonly cut: number
  /** Of those, the ones with a request on its way at that moment, which the unsubscribe aborted. */
  readonly inFlightAtCut: number
  /**
   * States at the end by the ground truth: clean completions, completions with failed ads,
   * failures, and jobs that never finished (the endless ones).
   */
  readonly outcomes: { readonly completed: number; readonly partial: number; readonly failed: number; readonly unfinished: number }
  /**
   * Watches that ended with the `DecodeError` at path `id` after the simulator answered them about
   * another job: solo ones (`watchJob$`), and jobs of ASIN groups (whose finished record was read so).
   */
  readonly misdirectedRefused: { readonly solo: number; readonly grouped: number }
  /** Watches of jobs that never finished, ended by their overall deadline as promised. */
  readonly timedOut: number
  /** Statuses the watches emitted, all jobs together (each job has 3 at most). */
  readonly emissions: number
  /** API requests the simulator received during the run. */
  readonly requests: number
  /** Requests that got a fault, by kind (`status 500`, `status 503`, `rate-limit`, …). */
  readonly faults: Readonly<Record<string, number>>
  /** Polls reported to `onPoll`. */
  readonly polls: number
  /** Polls that failed transiently and were retried: after a backoff, or after `Retry-After`. */
  readonly retries: { readonly backoff: number; readonly retryAfter: number }
  /** Model time the run took, in milliseconds (wall time in real time, virtual time otherwise). */
  readonly durationMs: number
  /** Promised zeros: every job's verdict summed, and what the process and the cuts showed. */
  readonly zeros: Verdict & {
    readonly unhandledRejections: number
    readonly uncaughtExceptions: number
    /** Requests for a cut job that the client's fetch was called with after the unsubscribe. */
    readonly fetchesAfterCut: number
    /**
     * Requests for a cut job that reached the simulator after the unsubscribe, beyond those
     * already on their way (asked for, not answered) at that moment.
     */
    readonly arrivalsAfterCut: number
    /** Requests for a job that the client's fetch was called with after its watch's deadline ended it. */
    readonly fetchesAfterDeadline: number
    /** Requests for such a job reaching the simulator after the deadline, beyond those already on their way. */
    readonly arrivalsAfterDeadline: number
  }
  /** The first few unhandled rejections or uncaught exceptions, if any. */
  readonly processSamples: readonly string[]
}
