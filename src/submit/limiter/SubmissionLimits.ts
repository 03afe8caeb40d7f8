/**
 * How many submissions the client lets through, per organisation and per sliding window. The
 * defaults are Pixii's documented limits. Set them lower to leave room for other processes
 * sharing the key. Set them higher if your plan allows more: the server's
 * `X-RateLimit-Limit-*` headers still lower them when they say less.
 *
 * @example
 * ```ts
 * import { createPixiiClient, type SubmissionLimits } from 'pixii-rx'
 * const shareOfTheKey: SubmissionLimits = { perMinute: 5, perDay: 250 }
 * const pixii = createPixiiClient({ apiKey: 'pk_test_abc', rateLimits: shareOfTheKey })
 * console.log(pixii.limiter.state().minute.limit, pixii.limiter.state().day.left)
 * // Output: 5 250
 * ```
 */
export interface SubmissionLimits {
  /** Submissions in any 60 s. Default 10. */
  readonly perMinute?: number
  /** Submissions in any 24 h. Default 500. */
  readonly perDay?: number
}
