import type { AbortedError } from './AbortedError.js'
import type { BufferOverflowError } from './BufferOverflowError.js'
import type { DecodeError } from './DecodeError.js'
import type { FileSystemError } from './FileSystemError.js'
import type { ImageExpiredError } from './ImageExpiredError.js'
import type { InsufficientCreditsError } from './InsufficientCreditsError.js'
import type { JobFailedError } from './JobFailedError.js'
import type { JobNotFoundError } from './JobNotFoundError.js'
import type { NetworkError } from './NetworkError.js'
import type { NoActiveBrandError } from './NoActiveBrandError.js'
import type { RateLimitedError } from './RateLimitedError.js'
import type { RetriesExhaustedError } from './RetriesExhaustedError.js'
import type { ServerError } from './ServerError.js'
import type { SubmissionOutcomeUnknownError } from './SubmissionOutcomeUnknownError.js'
import type { TimeoutError } from './TimeoutError.js'
import type { UnauthorizedError } from './UnauthorizedError.js'
import type { ValidationError } from './ValidationError.js'

/**
 * Every failure pixii-rx reports: one union discriminated by `_tag`. Each variant has a
 * secret-free `message`, `retryable`, and `context` (method, path, HTTP status, job id).
 *
 * @example
 * ```ts
 * import { describePixiiError, type PixiiError } from 'pixii-rx'
 * function explain(error: PixiiError): string {
 *   switch (error._tag) {
 *     case 'RateLimited': return `wait ${error.retryAfterMs ?? 0} ms`
 *     case 'JobFailed': return `job failed with ${error.errorCode ?? 'no code'}`
 *     default: return describePixiiError(error)
 *   }
 * }
 * ```
 */
export type PixiiError =
  | SingleFailure
  | RetriesExhaustedError<SingleFailure | SubmissionOutcomeUnknownError<SingleFailure>>
  | SubmissionOutcomeUnknownError<SingleFailure | RetriesExhaustedError<SingleFailure>>

// The failures that wrap no other. The two that do (RetriesExhausted, SubmissionOutcomeUnknown)
// take what they wrap as a type parameter, so no error file imports the union that names it.
type SingleFailure =
  | UnauthorizedError
  | JobNotFoundError
  | ValidationError
  | InsufficientCreditsError
  | NoActiveBrandError
  | RateLimitedError
  | ServerError
  | NetworkError
  | DecodeError
  | TimeoutError
  | JobFailedError
  | AbortedError
  | ImageExpiredError
  | BufferOverflowError
  | FileSystemError

/**
 * The `_tag` of each {@link PixiiError} variant.
 *
 * @example
 * ```ts
 * import { isPixiiError, type PixiiErrorTag } from 'pixii-rx'
 * const stopsTheWatch: PixiiErrorTag[] = ['JobNotFound', 'Unauthorized', 'JobFailed']
 * const isFatal = (error: unknown): boolean => stopsTheWatch.some((tag) => isPixiiError(error, tag))
 * ```
 */
export type PixiiErrorTag = PixiiError['_tag']
