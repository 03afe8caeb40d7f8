import type { RequestContext } from './RequestContext.js'

/**
 * What every `PixiiError` variant is built from.
 *
 * @example
 * ```ts
 * import { ServerError } from 'pixii-rx'
 * import { type PixiiErrorInit } from 'pixii-rx/advanced'
 * const init: PixiiErrorInit = { message: 'Bad gateway', context: { method: 'GET', path: '/v1/api/jobs/job_1', status: 502 } }
 * console.log(new ServerError(init).retryable)
 * // Output: true
 * ```
 */
export interface PixiiErrorInit {
  /** The human explanation; must never contain a key or a URL signature. */
  readonly message: string
  /** The request that failed, if any. */
  readonly context?: RequestContext
  /** The underlying failure, already scrubbed of secrets. */
  readonly cause?: unknown
}

/**
 * The base class of every error pixii-rx reports. Code against the `PixiiError` (`pixii-rx`) union and
 * its `_tag` instead: tags work across bundles and copies of the library, `instanceof` does not.
 *
 * @example
 * ```ts
 * import { PixiiErrorBase } from 'pixii-rx/advanced'
 * import { JobNotFoundError } from 'pixii-rx'
 * const error = new JobNotFoundError({ message: 'Job job_1 was not found', context: { jobId: 'job_1' } })
 * console.log(error instanceof PixiiErrorBase, error._tag, error.retryable)
 * // Output: true JobNotFound false
 * ```
 */
export abstract class PixiiErrorBase extends Error {
  /** The discriminant of the `PixiiError` union. */
  abstract readonly _tag: string
  /** Whether the same request may succeed if it is made again later. */
  abstract readonly retryable: boolean
  /** The request that failed, without secrets. */
  readonly context: RequestContext

  constructor(init: PixiiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.context = init.context ?? {}
  }

  /** A plain, secret-free object for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const { stack: _stack, ...fields } = Object.fromEntries(Object.entries(this))
    return { ...fields, name: this.name, message: this.message }
  }
}
