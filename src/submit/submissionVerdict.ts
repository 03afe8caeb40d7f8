import type { PixiiError } from '../errors/PixiiError.js'

/**
 * What a failed submission proves:
 * - `rate-limited`: a 429; the server did not take it. Sent again after `Retry-After`.
 * - `unsent`: it provably never reached processing (connection refused, 503). Sent again after
 *   a backoff, within the client's retry budget.
 * - `refused`: the server answered and did not create a job (400, 401, 422, other 4xx), or it did
 *   and the error carries the job id (an accepted answer that does not decode). Reported as is.
 * - `unknown`: the request went out and the answer was lost (a reset, a request timeout, a 5xx
 *   other than 503, a body that could not be read). A job may exist: look for it, never resend.
 */
export type SubmissionVerdict = 'rate-limited' | 'unsent' | 'refused' | 'unknown'

/** Judges a submission's failure; see {@link SubmissionVerdict}. */
export function submissionVerdict(error: PixiiError): SubmissionVerdict {
  switch (error._tag) {
    case 'RateLimited':
      return 'rate-limited'
    case 'NetworkError':
      return error.failure === 'connection' ? 'unsent' : 'unknown'
    case 'ServerError': {
      const status = error.context.status ?? 0
      if (status === 503) return 'unsent'
      return status >= 400 && status < 500 && status !== 408 ? 'refused' : 'unknown'
    }
    case 'DecodeError':
      return error.context.jobId === undefined ? 'unknown' : 'refused'
    case 'Timeout':
      return 'unknown'
    default:
      return 'refused'
  }
}
