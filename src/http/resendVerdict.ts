import type { PixiiError } from '../errors/PixiiError.js'

/**
 * Whether a failed request may be sent again, and what its failure proves. A POST that failed may
 * still have created (and charged) a job, so only a failure that proves the server did not take
 * it lets it go again; a read may go again after any failure that may pass.
 * - `rate-limited`: a 429; the server did not take it. Again after `Retry-After`.
 * - `unsent`: it provably never reached processing (connection refused, 503). Again after a backoff.
 * - `transient`: a read (any method but POST) that failed in a way that may pass. Again after a backoff.
 * - `refused`: the server answered and did not act (400, 401, 422, other 4xx), the failure will
 *   not pass, or a POST's error carries the job id (an accepted answer that does not decode).
 * - `unknown`: a POST whose answer was lost (a reset, a request timeout, a 5xx other than 503, a
 *   body that could not be read). A job may exist: look for it, never send it again blindly.
 */
export type ResendVerdict = 'rate-limited' | 'unsent' | 'transient' | 'refused' | 'unknown'

/**
 * The one judge of whether a request may be sent again (see {@link ResendVerdict}), for the
 * watch loops, `retryTransient`, the submitter and its look-ups. `method` defaults to the one in
 * the error's context; a request of unknown method is judged a read.
 */
export function resendVerdict(error: PixiiError, method = error.context.method): ResendVerdict {
  if (error._tag === 'RateLimited') return 'rate-limited'
  if ((error._tag === 'Network' && error.failure === 'connection') || (error._tag === 'Server' && error.context.status === 503)) {
    return 'unsent'
  }
  if (method !== 'POST') return error.retryable ? 'transient' : 'refused'
  switch (error._tag) {
    case 'Network':
    case 'Timeout':
      return 'unknown'
    case 'Server': {
      const status = error.context.status ?? 0
      return status >= 400 && status < 500 && status !== 408 ? 'refused' : 'unknown'
    }
    case 'Decode':
      return error.context.jobId === undefined ? 'unknown' : 'refused'
    default:
      return 'refused'
  }
}

/** Whether {@link resendVerdict} lets the request go again. */
export function mayResend(error: PixiiError, method = error.context.method): boolean {
  const verdict = resendVerdict(error, method)
  return verdict === 'rate-limited' || verdict === 'unsent' || verdict === 'transient'
}
