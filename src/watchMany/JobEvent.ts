import type { Job } from '../codecs/Job.js'
import type { JobStatus } from '../codecs/JobStatus.js'
import type { JobSummary } from '../codecs/JobSummary.js'
import type { PixiiError } from '../errors/PixiiError.js'

/**
 * One event of a many-job watch (`watchJobs$`, `watchAsin$`), for job `id`:
 * - `status`: a new status seen through the list endpoint, with the job's summary (list polling
 *   does not fetch full records until a job is finished);
 * - `job`: a full job record: every transition when the job is polled on its own, and the
 *   finished job (`completed` or `failed`) in every case;
 * - `error`: that job's watch ended in error (`JobFailed` after a failed job, `JobNotFound`, …).
 *   Other jobs go on.
 *
 * @example
 * ```ts
 * import type { JobEvent } from 'pixii-rx'
 * const line = (event: JobEvent): string =>
 *   event.kind === 'error' ? `${event.id}: ${event.error._tag}` : `${event.id}: ${event.status}`
 * console.log(line({ kind: 'status', id: 'job_1', status: 'processing', summary: { id: 'job_1', job_type: 'Scale', status: 'processing', created_at: '2026-01-01T00:00:00Z' } }))
 * // Output: job_1: processing
 * ```
 */
export type JobEvent =
  | { readonly kind: 'status'; readonly id: string; readonly status: JobStatus; readonly summary: JobSummary }
  | { readonly kind: 'job'; readonly id: string; readonly status: JobStatus; readonly job: Job }
  | { readonly kind: 'error'; readonly id: string; readonly error: PixiiError }
