/**
 * What a verified job token says: the one job it lets a browser read, until when, signed with
 * which key, and for whom (when the server named a subject).
 *
 * @example
 * ```ts
 * import type { JobTokenClaims } from 'pixii-rx/proxy'
 * const claims: JobTokenClaims = { jobId: 'job_1', expiresAt: 1_700_000_600_000, keyId: 'k1', subject: 'user_42' }
 * console.log(claims.jobId, claims.subject)
 * // Output: job_1 user_42
 * ```
 */
export interface JobTokenClaims {
  readonly jobId: string
  /** When it stops being accepted, in milliseconds on the tokens' clock. */
  readonly expiresAt: number
  /** The id of the key that signed it. */
  readonly keyId: string
  /** The end user it was issued to, when `issue` was given one. */
  readonly subject?: string
}

/**
 * Why a token was not accepted: not a token at all, signed with a key that is not (or no longer)
 * configured, a signature that does not match (tampered), past its expiry, or issued for another job.
 *
 * @example
 * ```ts
 * import type { JobTokenProblem } from 'pixii-rx/proxy'
 * const retryable = (problem: JobTokenProblem): boolean => problem === 'expired'
 * console.log(retryable('other-job'))
 * // Output: false
 * ```
 */
export type JobTokenProblem = 'malformed' | 'unknown-key' | 'bad-signature' | 'expired' | 'other-job'

/**
 * The result of checking a token against the job a request names.
 *
 * @example
 * ```ts
 * import type { JobTokenCheck } from 'pixii-rx/proxy'
 * const describe = (check: JobTokenCheck): string => (check.ok ? check.claims.jobId : check.problem)
 * console.log(describe({ ok: false, problem: 'expired' }))
 * // Output: expired
 * ```
 */
export type JobTokenCheck = { readonly ok: true; readonly claims: JobTokenClaims } | { readonly ok: false; readonly problem: JobTokenProblem }

/**
 * Job-scoped, expiring, signed tokens: the server issues one for a job it submitted or looked
 * up for a user, the browser presents it, and the proxy lets it read exactly that job. Made by
 * `createJobTokens`.
 *
 * @example
 * ```ts
 * import { createJobTokens, type JobTokens } from 'pixii-rx/proxy'
 * const tokens: JobTokens = createJobTokens({ keys: { k1: 'a secret of at least thirty-two characters' } })
 * const token = tokens.issue('job_1', { subject: 'user_42' })
 * console.log(tokens.verify(token, 'job_1').ok, tokens.verify(token, 'job_2'))
 * // Output: true { ok: false, problem: 'other-job' }
 * ```
 */
export interface JobTokens {
  /** A token for `jobId`, signed with the current key, valid for the configured lifetime. */
  issue(jobId: string, options?: { readonly subject?: string }): string
  /** Checks `token` for `jobId`: signature (in constant time), expiry, and that it names this job. */
  verify(token: string, jobId: string): JobTokenCheck
}
