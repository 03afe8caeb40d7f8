import { asyncScheduler, type SchedulerLike } from 'rxjs'
import type { Redis } from 'ioredis'
import { invalidInput } from '../errors/invalidInput.js'
import { checkCallable, checkPositive } from '../errors/optionChecks.js'
import type { ValidationIssue } from '../errors/ValidationError.js'
import { shownUrlOption } from '../internal/shownUrlOption.js'
import { checkSubmissionLimits } from '../submit/limiter/checkSubmissionLimits.js'
import type { SubmissionLimits } from '../submit/limiter/SubmissionLimits.js'
import type { RedisLimiterOptions } from './RedisLimiterOptions.js'

/** The options of a Redis limiter, checked and filled from the defaults. */
export interface RedisLimiterSettings {
  readonly redis: string | Redis
  readonly organisation: string
  readonly limits: Required<SubmissionLimits>
  readonly minuteMs: number
  readonly dayMs: number
  readonly holdMs: number
  readonly answerTimeoutMs: number
  readonly scheduler: SchedulerLike
}

const known = new Set(['redis', 'organisation', 'limits', 'windows', 'holdMs', 'answerTimeoutMs', 'scheduler'])

/** Checks every option at once; a bad one throws a `ValidationError` naming each offender. */
export function checkRedisLimiterOptions(options: RedisLimiterOptions): RedisLimiterSettings {
  const issues: ValidationIssue[] = []
  const given = (typeof options === 'object' && options !== null ? options : {}) as Partial<RedisLimiterOptions>
  for (const name of Object.keys(given)) if (!known.has(name)) issues.push({ path: name, message: 'is not an option of createRedisLimiter' })
  const { redis } = given
  if (typeof redis === 'string') {
    // The URL may hold a password: it is shown without its user-info.
    if (!URL.canParse(redis) || !['redis:', 'rediss:'].includes(new URL(redis).protocol)) {
      issues.push({ path: 'redis', message: `expected a redis:// or rediss:// URL, got ${shownUrlOption(redis)}` })
    }
  } else if (typeof redis !== 'object' || redis === null || typeof (redis as Partial<Redis>).evalsha !== 'function') {
    issues.push({ path: 'redis', message: `expected a redis:// URL or an ioredis client, got ${redis === null ? 'null' : typeof redis}` })
  }
  const { organisation } = given
  if (typeof organisation !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(organisation)) {
    issues.push({ path: 'organisation', message: `expected 1 to 100 letters, digits, '.', '_' or '-', got ${typeof organisation === 'string' ? JSON.stringify(organisation.slice(0, 40)) : typeof organisation}` })
  }
  const limits = checkSubmissionLimits(given.limits, 'limits', issues)
  const windows = given.windows ?? {}
  if (typeof windows !== 'object' || windows === null) issues.push({ path: 'windows', message: 'expected an object such as { minuteMs: 60000 }' })
  for (const name of Object.keys(windows)) if (name !== 'minuteMs' && name !== 'dayMs') issues.push({ path: `windows.${name}`, message: 'is not a window' })
  const minuteMs = windows.minuteMs ?? 60_000
  const dayMs = windows.dayMs ?? 86_400_000
  checkPositive('windows.minuteMs', minuteMs, true, issues)
  checkPositive('windows.dayMs', dayMs, true, issues)
  const holdMs = given.holdMs ?? 300_000
  checkPositive('holdMs', holdMs, true, issues)
  const answerTimeoutMs = given.answerTimeoutMs ?? 5_000
  checkPositive('answerTimeoutMs', answerTimeoutMs, true, issues)
  checkCallable(given.scheduler, 'scheduler', 'schedule', issues)
  if (issues.length > 0) throw invalidInput('Invalid createRedisLimiter options', issues)
  return {
    redis: redis as string | Redis,
    organisation: organisation as string,
    limits,
    minuteMs,
    dayMs,
    holdMs,
    answerTimeoutMs,
    scheduler: given.scheduler ?? asyncScheduler,
  }
}
