import { PixiiErrorBase, type PixiiErrorInit } from './PixiiErrorBase.js'

/**
 * A submission may or may not have created (and charged) a job, and the client could not tell
 * which. The request went out, then the answer was lost: a reset, a request timeout, a 5xx other
 * than 503, or a body that could not be read. The client then looked for a job of that ASIN and
 * job type created in the request's time window and not already known to it. It found none within
 * the bounded wait (`candidates` is empty), or more than one (`candidates` lists them). It did not
 * send the request again, and it never will on its own. Check the ASIN's jobs (`listJobs$`)
 * before you submit again. Not retryable.
 *
 * @example
 * ```ts
 * import { NetworkError, SubmissionOutcomeUnknownError } from 'pixii-rx'
 * const lastError = new NetworkError({ message: 'broke off', failure: 'reset', context: { method: 'POST', path: '/v1/api/scale' } })
 * const error = new SubmissionOutcomeUnknownError({
 *   message: 'The outcome of POST /v1/api/scale is unknown', lastError,
 *   asin: 'B0CHX1W1XY', jobType: 'Scale', sentAt: '2026-01-01T00:00:00.000Z', searchedUntil: '2026-01-01T00:01:00.000Z', candidates: [],
 * })
 * console.log(error._tag, error.retryable, error.context.path, error.lastError._tag)
 * // Output: SubmissionOutcomeUnknown false /v1/api/scale Network
 * ```
 */
export class SubmissionOutcomeUnknownError<E extends PixiiErrorBase = PixiiErrorBase> extends PixiiErrorBase {
  readonly _tag = 'SubmissionOutcomeUnknown' as const
  override readonly name = 'SubmissionOutcomeUnknownError' as const
  readonly retryable = false as const
  /** Why the outcome is unknown: the submission's own failure (also the standard `cause`). */
  readonly lastError: E
  /** The last failure of the lookup itself, when the list endpoint could not be read. */
  readonly lookupError: E | undefined
  /** The ASIN of the submission. */
  readonly asin: string
  /** The job type looked for, such as `Listing Builder`. */
  readonly jobType: string
  /** When the request was sent (ISO 8601, client clock). */
  readonly sentAt: string
  /** The end of the window searched (ISO 8601, client clock). */
  readonly searchedUntil: string
  /** Jobs that matched when more than one did; empty when none did. */
  readonly candidates: readonly string[]

  constructor(
    init: PixiiErrorInit & {
      readonly lastError: E
      readonly lookupError?: E
      readonly asin: string
      readonly jobType: string
      readonly sentAt: string
      readonly searchedUntil: string
      readonly candidates: readonly string[]
    },
  ) {
    super({ ...init, context: init.context ?? init.lastError.context, cause: init.lastError })
    this.lastError = init.lastError
    this.lookupError = init.lookupError
    this.asin = init.asin
    this.jobType = init.jobType
    this.sentAt = init.sentAt
    this.searchedUntil = init.searchedUntil
    this.candidates = init.candidates
  }
}
