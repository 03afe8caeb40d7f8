import { defaultSubmissionLimits } from '../submit/limiter/checkSubmissionLimits.js'
import { defaultOutcomeLookup } from '../submit/OutcomeLookup.js'

/** The defaults of `PixiiClientOptions`, in one place. */
export const defaults = {
  baseUrl: 'https://api.pixii.ai',
  requestTimeoutMs: 30_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxInFlight: 16,
  rateLimits: defaultSubmissionLimits,
  outcomeLookup: defaultOutcomeLookup,
  // Fifteen two-minute live jobs end to end: a job still not done by then is stuck, not slow.
  watchTimeoutMs: 30 * 60_000,
} as const
