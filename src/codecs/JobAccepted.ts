import * as t from 'io-ts'
import { IsoDateTime } from './IsoDateTime.js'
import { JobStatus } from './JobStatus.js'

/**
 * The answer to a submission: the new job's id, type, status (`pending` in practice) and creation time.
 * Persist `job_id` before anything else: it is the only handle on work already paid for.
 *
 * @example
 * ```ts
 * import { JobAccepted } from 'pixii-rx/advanced'
 * console.log(JobAccepted.is({ job_id: 'job_1', job_type: 'Scale', status: 'pending', created_at: '2026-01-01T00:00:00Z' }))
 * // Output: true
 * ```
 */
export const JobAccepted = /* @__PURE__ */ t.type(
  { job_id: t.string, job_type: t.string, status: JobStatus, created_at: IsoDateTime },
  'JobAccepted',
)
/** See the {@link JobAccepted} codec. */
export type JobAccepted = t.TypeOf<typeof JobAccepted>
