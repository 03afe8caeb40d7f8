import type { JobAccepted } from '../codecs/JobAccepted.js'
import type { PixiiError } from '../errors/PixiiError.js'
import type { Submission } from './Submission.js'

/**
 * What `submitMany$` emits for each request, in the order the jobs are accepted: `accepted` with
 * the job (persist `accepted.job_id`: it is paid for), or `failed` with the typed error of that
 * request alone. `index` is the request's position in the input. `adopted` says that the answer
 * was lost and the job was found with the list endpoint instead.
 *
 * @example
 * ```ts
 * import type { SubmitManyResult } from 'pixii-rx'
 * const line = (result: SubmitManyResult): string =>
 *   result.kind === 'accepted'
 *     ? `#${result.index} ${result.request.request.asin}: ${result.accepted.job_id}${result.adopted ? ' (adopted)' : ''}`
 *     : `#${result.index} ${result.request.request.asin}: ${result.error._tag}`
 * ```
 */
export type SubmitManyResult =
  | {
      readonly kind: 'accepted'
      readonly index: number
      readonly request: Submission
      readonly accepted: JobAccepted
      readonly adopted: boolean
    }
  | { readonly kind: 'failed'; readonly index: number; readonly request: Submission; readonly error: PixiiError }
