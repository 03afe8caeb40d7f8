import { PixiiErrorBase, type PixiiErrorInit } from './PixiiErrorBase.js'

/**
 * The job does not exist, belongs to another organisation, or has expired (HTTP 404). Never
 * retried.
 *
 * @example
 * ```ts
 * import { JobNotFoundError } from 'pixii-rx'
 * const error = new JobNotFoundError({ message: 'Job job_1 was not found', jobId: 'job_1' })
 * console.log(error._tag, error.jobId, error.retryable)
 * // Output: JobNotFound job_1 false
 * ```
 */
export class JobNotFoundError extends PixiiErrorBase {
  readonly _tag = 'JobNotFound' as const
  override readonly name = 'JobNotFoundError' as const
  readonly retryable = false as const
  /** The id that was asked for, when known. */
  readonly jobId: string | undefined

  constructor(init: PixiiErrorInit & { readonly jobId?: string }) {
    super(init)
    this.jobId = init.jobId ?? init.context?.jobId
  }
}
