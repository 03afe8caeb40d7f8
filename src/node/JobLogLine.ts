import type { Job } from '../codecs/Job.js'
import type { JobStatus } from '../codecs/JobStatus.js'
import type { PixiiError } from '../errors/PixiiError.js'

/**
 * One line of a job's event log, as `jobEvents` emits it and `pixii-rx watch --json` prints it:
 * a `job` event per status transition, or a final `error` event.
 *
 * @example
 * ```ts
 * import type { JobLogLine } from 'pixii-rx/node'
 * const line = (event: JobLogLine): string =>
 *   event.kind === 'job' ? `${event.at} ${event.jobId} ${event.status}` : `${event.at} ${event.jobId} ${event.error._tag}`
 * ```
 */
export type JobLogLine =
  | {
      readonly kind: 'job'
      /** When the transition was seen, ISO 8601 UTC, on the scheduler's clock. */
      readonly at: string
      readonly jobId: string
      readonly status: JobStatus
      /** Milliseconds since the watch started. */
      readonly elapsedMs: number
      /** The job as the server sent it. */
      readonly job: Job
    }
  | {
      readonly kind: 'error'
      readonly at: string
      readonly jobId: string
      readonly elapsedMs: number
      /** Why the watch ended (a failed job is a `JobFailed`). */
      readonly error: PixiiError
    }
