import * as t from 'io-ts'
import { IsoDateTime } from './IsoDateTime.js'
import { JobOutput } from './JobOutput.js'
import { JobStatus } from './JobStatus.js'
import { nullable } from './nullable.js'

/**
 * The codec of the fields every job has, whatever its status, without the rule that ties
 * `output` to `completed`. Decode with {@link Job}; this is its building block.
 *
 * @example
 * ```ts
 * import { JobRecord } from 'pixii-rx/advanced'
 * console.log(Object.keys(JobRecord.props).length)
 * // Output: 10
 * ```
 */
export const JobRecord = /* @__PURE__ */ t.type(
  {
    id: t.string,
    job_type: t.string,
    status: JobStatus,
    created_at: IsoDateTime,
    started_at: nullable(IsoDateTime),
    completed_at: nullable(IsoDateTime),
    credit_cost: t.number,
    credits_refunded: t.number,
    output: nullable(JobOutput),
    error_code: nullable(t.string),
  },
  'Job',
)
/**
 * The fields every job has, whatever its status; {@link Job} narrows them by `status`.
 *
 * @example
 * ```ts
 * import type { JobRecord } from 'pixii-rx/advanced'
 * const spent = (jobs: readonly JobRecord[]): number => jobs.reduce((sum, job) => sum + job.credit_cost - job.credits_refunded, 0)
 * ```
 */
export type JobRecord = t.TypeOf<typeof JobRecord>

/**
 * A job still queued.
 *
 * @example
 * ```ts
 * import type { Job } from 'pixii-rx'
 * import type { PendingJob } from 'pixii-rx/advanced'
 * const queued = (jobs: readonly Job[]): PendingJob[] => jobs.filter((job): job is PendingJob => job.status === 'pending')
 * ```
 */
export type PendingJob = JobRecord & { readonly status: 'pending' }

/**
 * A job running.
 *
 * @example
 * ```ts
 * import type { Job } from 'pixii-rx'
 * import type { ProcessingJob } from 'pixii-rx/advanced'
 * const runningFor = (job: ProcessingJob, now: number): number => now - Date.parse(job.started_at ?? job.created_at)
 * const running = (job: Job): job is ProcessingJob => job.status === 'processing'
 * ```
 */
export type ProcessingJob = JobRecord & { readonly status: 'processing' }

/**
 * A finished job: its `output` is never null (some of its ads may still have failed).
 *
 * @example
 * ```ts
 * import type { CompletedJob, Job } from 'pixii-rx'
 * const images = (job: Job): number => (job.status === 'completed' ? countImages(job) : 0)
 * const countImages = (job: CompletedJob): number => job.output.ads.filter((ad) => ad.preview_url !== null).length
 * ```
 */
export type CompletedJob = JobRecord & { readonly status: 'completed'; readonly output: JobOutput }

/**
 * A job that ended in failure; `error_code` says why when the server tells.
 *
 * @example
 * ```ts
 * import type { FailedJob, Job } from 'pixii-rx'
 * const isFailed = (job: Job): job is FailedJob => job.status === 'failed'
 * const reason = (job: FailedJob): string => job.error_code ?? 'no code given'
 * ```
 */
export type FailedJob = JobRecord & { readonly status: 'failed' }

function hasOutputWhenCompleted(job: JobRecord): job is Job {
  return job.status !== 'completed' || job.output !== null
}

/**
 * One job as `GET /v1/api/jobs/{id}` answers it, discriminated by `status` so that a
 * `completed` job's `output` is typed non-null. Timestamps are checked as ISO 8601, an unknown
 * status is a decode error, and unknown extra fields are kept.
 *
 * @example
 * ```ts
 * import { Job } from 'pixii-rx'
 * import { isRight } from 'fp-ts/lib/Either.js'
 * const decoded = Job.decode({
 *   id: 'job_1', job_type: 'Listing Builder', status: 'completed', created_at: '2026-01-01T00:00:00Z',
 *   started_at: '2026-01-01T00:00:03Z', completed_at: '2026-01-01T00:02:00Z', credit_cost: 10,
 *   credits_refunded: 0, output: { ads: [] }, error_code: null,
 * })
 * if (isRight(decoded) && decoded.right.status === 'completed') console.log(decoded.right.output.ads.length)
 * // Output: 0
 * ```
 */
export const Job = /* @__PURE__ */ new t.Type<Job, JobRecord, unknown>(
  'Job',
  (input): input is Job => JobRecord.is(input) && hasOutputWhenCompleted(input),
  (input, context) => {
    const record = JobRecord.validate(input, context)
    if (record._tag === 'Left' || hasOutputWhenCompleted(record.right)) return record as t.Validation<Job>
    return t.failure(null, t.appendContext(context, 'output', JobOutput, null))
  },
  (job) => JobRecord.encode(job),
)
/** See the {@link Job} codec. */
export type Job = PendingJob | ProcessingJob | CompletedJob | FailedJob
