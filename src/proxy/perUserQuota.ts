import type { IncomingMessage } from 'node:http'
import { asyncScheduler, type SchedulerLike } from 'rxjs'
import { invalidInput } from '../errors/invalidInput.js'
import { checkCallable, checkPositive } from '../errors/optionChecks.js'
import type { ValidationIssue } from '../errors/ValidationError.js'
import { slidingBucket, type SlidingBucket } from '../submit/limiter/slidingBucket.js'
import type { SubmissionQuotaHook } from './ProxyAccess.js'

/**
 * A per-user submission quota, held in this process's memory.
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from 'node:http'
 * import type { PerUserQuotaOptions } from 'pixii-rx/proxy'
 * const options: PerUserQuotaOptions = { userOf: (req: IncomingMessage) => String(req.headers['x-user']), perMinute: 2, perDay: 50 }
 * ```
 */
export interface PerUserQuotaOptions<Req extends IncomingMessage = IncomingMessage> {
  /** Who sent the request (your session's user id); `undefined` refuses the submission outright. */
  readonly userOf: (req: Req) => string | undefined
  /** Submissions one user may make in any 60 s. Default 2, a fifth of Pixii's 10 for the organisation. */
  readonly perMinute?: number
  /** Submissions one user may make in any 24 h. Default 50. */
  readonly perDay?: number
  /** The clock of the windows. Default: rxjs `asyncScheduler`. */
  readonly scheduler?: SchedulerLike
}

interface UserWindows {
  readonly minute: SlidingBucket
  readonly day: SlidingBucket
}

/**
 * A `submissionQuota` for `createPixiiProxy` that gives each user sliding windows of their own
 * (at most `perMinute` submissions in any minute, `perDay` in any day), so that one user cannot
 * spend the organisation's budget. A submission is counted when it is let through. The windows
 * live in this process: behind several proxy processes, write a hook over a shared store.
 *
 * @param options - How to tell users apart, their limits and the clock (see {@link PerUserQuotaOptions}).
 * @throws `ValidationError` (source `client`) at once for a missing `userOf` or a limit that is not a positive integer.
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from 'node:http'
 * import { VirtualTimeScheduler } from 'rxjs'
 * import { perUserQuota } from 'pixii-rx/proxy'
 * // A clock that stands still, so that the wait below is exactly the window.
 * const quota = perUserQuota({ userOf: (req) => String(req.headers['x-user']), perMinute: 1, scheduler: new VirtualTimeScheduler() })
 * const from = (user: string) => ({ req: { headers: { 'x-user': user } } as unknown as IncomingMessage, route: 'submitScale' as const })
 * console.log(await quota(from('alice')), await quota(from('alice')), await quota(from('bob')))
 * // Output: true { retryAfterMs: 60000 } true
 * ```
 */
export function perUserQuota<Req extends IncomingMessage = IncomingMessage>(options: PerUserQuotaOptions<Req>): SubmissionQuotaHook<Req> {
  const issues: ValidationIssue[] = []
  const { perMinute = 2, perDay = 50 } = options
  checkCallable(options.userOf, 'userOf', undefined, issues)
  checkPositive('perMinute', perMinute, true, issues)
  checkPositive('perDay', perDay, true, issues)
  checkCallable(options.scheduler, 'scheduler', 'now', issues)
  if (options.userOf === undefined) issues.push({ path: 'userOf', message: 'expected a function that names the user of a request' })
  if (issues.length > 0) throw invalidInput('Invalid perUserQuota options', issues)
  const scheduler = options.scheduler ?? asyncScheduler
  const users = new Map<string, UserWindows>()
  return ({ req }) => {
    const user = options.userOf(req)
    if (user === undefined) return { retryAfterMs: Number.POSITIVE_INFINITY }
    const now = scheduler.now()
    // Forget users whose windows are full again, so that the map holds only recent spenders.
    if (users.size >= 1_000) for (const [name, held] of users) if (held.day.left(now) >= perDay) users.delete(name)
    const windows = users.get(user) ?? { minute: slidingBucket(perMinute, 60_000), day: slidingBucket(perDay, 86_400_000) }
    users.set(user, windows)
    const readyAt = Math.max(windows.minute.readyAt(now) ?? now, windows.day.readyAt(now) ?? now)
    if (readyAt > now) return { retryAfterMs: readyAt - now }
    for (const window of [windows.minute, windows.day]) {
      window.hold()
      window.spend(now)
    }
    return true
  }
}
