import { PixiiErrorBase, type PixiiErrorInit } from './PixiiErrorBase.js'

const retryableStatuses: ReadonlySet<number> = new Set([408, 500, 502, 503, 504])

/**
 * The server answered with an error that is not one of the documented client errors: a 5xx, or an
 * unexpected status. Retryable for 408, 500, 502, 503 and 504; `retryAfterMs` is set when the
 * server sent `Retry-After`.
 *
 * @example
 * ```ts
 * import { ServerError } from 'pixii-rx'
 * const error = new ServerError({ message: 'GET /v1/api/jobs/job_1 answered 503', context: { status: 503 } })
 * console.log(error._tag, error.retryable)
 * // Output: Server true
 * ```
 */
export class ServerError extends PixiiErrorBase {
  readonly _tag = 'Server' as const
  override readonly name = 'ServerError' as const
  readonly retryable: boolean
  /** How long the server asked us to wait, in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined

  constructor(init: PixiiErrorInit & { readonly retryAfterMs?: number }) {
    super(init)
    this.retryable = retryableStatuses.has(init.context?.status ?? 0)
    this.retryAfterMs = init.retryAfterMs
  }
}
