import * as t from 'io-ts'
import { IsoDateTime } from './IsoDateTime.js'
import { JobStatus } from './JobStatus.js'

/**
 * One job as the list endpoint summarises it: no output (fetch the job for that).
 *
 * @example
 * ```ts
 * import { JobSummary } from 'pixii-rx'
 * console.log(JobSummary.is({ id: 'job_1', job_type: 'Scale', status: 'pending', created_at: '2026-01-01T00:00:00Z' }))
 * // Output: true
 * ```
 */
export const JobSummary = /* @__PURE__ */ t.type(
  { id: t.string, job_type: t.string, status: JobStatus, created_at: IsoDateTime },
  'JobSummary',
)
/** See the {@link JobSummary} codec. */
export type JobSummary = t.TypeOf<typeof JobSummary>
