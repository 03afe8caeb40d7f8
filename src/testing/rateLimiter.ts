const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The rate-limit state of one organisation at one instant: the `X-RateLimit-*` headers every
 * submission answer carries and, when a window is full, which one and how long until a slot
 * frees (whole seconds, rounded up, at least 1).
 *
 * @example
 * ```ts
 * import { createRateLimiter, type RateVerdict } from './rateLimiter.js'
 * const limiter = createRateLimiter({ perMinute: 1, perDay: 10 })
 * limiter.record('org', 0)
 * const full: RateVerdict = limiter.check('org', 1_000)
 * console.log(full.exceeded, full.retryAfterSeconds, full.headers['X-RateLimit-Remaining-Minute'])
 * // Output: minute 59 0
 * ```
 */
export interface RateVerdict {
  readonly exceeded?: 'minute' | 'day'
  readonly retryAfterSeconds?: number
  readonly headers: Readonly<Record<string, string>>
}

/**
 * Sliding-window limits on submissions: at most `perMinute` in any 60 s and `perDay` in any
 * 24 h, per organisation. Only accepted submissions take a slot.
 *
 * @example
 * ```ts
 * import { createRateLimiter } from './rateLimiter.js'
 * const limiter = createRateLimiter({ perMinute: 1, perDay: 10 })
 * limiter.record('org', 0)
 * console.log(limiter.check('org', 1_000).exceeded, limiter.check('org', 1_000).retryAfterSeconds)
 * // Output: minute 59
 * console.log(limiter.check('org', 60_000).exceeded)
 * // Output: undefined
 * ```
 */
export interface RateLimiter {
  check(orgId: string, now: number): RateVerdict
  /** Takes a slot at `now`; returns the headers as they stand afterwards. */
  record(orgId: string, now: number): Readonly<Record<string, string>>
}

/**
 * Creates a limiter with no history.
 *
 * @example
 * ```ts
 * import { createRateLimiter } from './rateLimiter.js'
 * const { headers } = createRateLimiter({ perMinute: 10, perDay: 500 }).check('org', 0)
 * console.log(headers['X-RateLimit-Remaining-Minute'], headers['X-RateLimit-Remaining-Day'])
 * // Output: 10 500
 * ```
 */
export function createRateLimiter(limits: { readonly perMinute: number; readonly perDay: number }): RateLimiter {
  const history = new Map<string, number[]>()

  const recent = (orgId: string, now: number): number[] => {
    const kept = (history.get(orgId) ?? []).filter((t) => t > now - DAY_MS)
    history.set(orgId, kept)
    return kept
  }

  const check = (orgId: string, now: number): RateVerdict => {
    const day = recent(orgId, now)
    const minute = day.filter((t) => t > now - MINUTE_MS)
    const headers = {
      'X-RateLimit-Limit-Minute': String(limits.perMinute),
      'X-RateLimit-Remaining-Minute': String(Math.max(0, limits.perMinute - minute.length)),
      'X-RateLimit-Limit-Day': String(limits.perDay),
      'X-RateLimit-Remaining-Day': String(Math.max(0, limits.perDay - day.length)),
    }
    // The slot that frees first is the one `limit` places back from the newest.
    const wait = (times: number[], limit: number, window: number): number =>
      Math.max(1, Math.ceil(((times[times.length - limit] ?? now) + window - now) / 1000))
    if (day.length >= limits.perDay) return { exceeded: 'day', retryAfterSeconds: wait(day, limits.perDay, DAY_MS), headers }
    if (minute.length >= limits.perMinute) {
      return { exceeded: 'minute', retryAfterSeconds: wait(minute, limits.perMinute, MINUTE_MS), headers }
    }
    return { headers }
  }

  return {
    check,
    record(orgId, now) {
      recent(orgId, now).push(now)
      return check(orgId, now).headers
    },
  }
}
