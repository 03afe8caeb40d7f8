import type { FailedJob } from '../codecs/Job.js'
import { PixiiErrorBase, type PixiiErrorInit } from './PixiiErrorBase.js'

/**
 * The job ended `failed`. Carries the failed job and its `error_code` (an open string: Pixii does
 * not list them). Not retryable: watching again shows the same failure; submit anew instead.
 *
 * @example
 * ```ts
 * import { JobFailedError, type FailedJob } from 'pixii-rx'
 * const job: FailedJob = {
 *   id: 'job_1', job_type: 'Scale', status: 'failed', created_at: '2026-01-01T00:00:00.000Z',
 *   started_at: '2026-01-01T00:00:05.000Z', completed_at: '2026-01-01T00:02:00.000Z',
 *   credit_cost: 10, credits_refunded: 10, output: null, error_code: 'GENERATION_FAILED',
 * }
 * const error = new JobFailedError({ message: 'Job job_1 failed: GENERATION_FAILED', job })
 * console.log(error.errorCode, error.retryable)
 * // Output: GENERATION_FAILED false
 * ```
 */
export class JobFailedError extends PixiiErrorBase {
  readonly _tag = 'JobFailed' as const
  override readonly name = 'JobFailedError' as const
  readonly retryable = false as const
  /** The failed job, as the server last answered it. */
  readonly job: FailedJob
  /** The job's `error_code`, if the server gave one. */
  readonly errorCode: string | null

  constructor(init: PixiiErrorInit & { readonly job: FailedJob }) {
    super({ ...init, context: { jobId: init.job.id, ...init.context } })
    this.job = init.job
    this.errorCode = init.job.error_code
  }
}
