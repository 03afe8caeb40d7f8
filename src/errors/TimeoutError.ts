import type { Job } from '../codecs/Job.js'
import { PixiiErrorBase, type PixiiErrorInit } from './PixiiErrorBase.js'

/**
 * Which deadline passed: `request` for one HTTP request (retryable), or one of the deadlines of
 * `jobTimeout`: `first` answer, `each` transition, `total` (not retryable). A watch's own overall
 * deadline (`timeoutMs`, 30 minutes by default) is `total` too.
 *
 * @example
 * ```ts
 * import type { Deadline } from 'pixii-rx/advanced'
 * const retried = (deadline: Deadline): boolean => deadline === 'request'
 * console.log(retried('request'), retried('total'))
 * // Output: true false
 * ```
 */
export type Deadline = 'request' | 'first' | 'each' | 'total'

/**
 * A deadline passed. `deadline` names which, `ms` how long it was, and `lastValue` holds what had
 * been seen last (for `jobTimeout`, the last job snapshot). When a watch's overall deadline
 * passes (`deadline` `total`), `job` holds the last job seen, typed, and `context.jobId` the job
 * watched: the job may still finish on Pixii, so look again with `getJob` or `watchJob$`.
 *
 * @example
 * ```ts
 * import { TimeoutError } from 'pixii-rx'
 * const error = new TimeoutError({ message: 'No transition within 60000 ms', deadline: 'each', ms: 60_000 })
 * console.log(error._tag, error.deadline, error.retryable)
 * // Output: Timeout each false
 * ```
 */
export class TimeoutError extends PixiiErrorBase {
  readonly _tag = 'Timeout' as const
  override readonly name = 'TimeoutError' as const
  readonly retryable: boolean
  /** Which deadline passed. */
  readonly deadline: Deadline
  /** The length of that deadline, in milliseconds. */
  readonly ms: number
  /** The last value seen before the deadline passed, if any. */
  readonly lastValue: unknown
  /** A watch's deadline: the last job seen before it passed (undefined if none had been seen, or for other deadlines). */
  readonly job: Job | undefined

  constructor(
    init: PixiiErrorInit & { readonly deadline: Deadline; readonly ms: number; readonly lastValue?: unknown; readonly job?: Job | undefined },
  ) {
    super(init)
    this.deadline = init.deadline
    this.ms = init.ms
    this.lastValue = init.lastValue ?? init.job
    this.job = init.job
    this.retryable = init.deadline === 'request'
  }
}
