/**
 * The defaults of the `PixiiClientOptions` that a watch needs, in one place (the submission
 * options' defaults sit beside their checks, in `submit/`, so that a watch-only bundle leaves them out).
 */
export const defaults = {
  baseUrl: 'https://api.pixii.ai',
  requestTimeoutMs: 30_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxInFlight: 16,
  // Fifteen two-minute live jobs end to end: a job still not done by then is stuck, not slow.
  watchTimeoutMs: 30 * 60_000,
} as const
