import type { ValidationError, ValidationIssue } from '../errors/ValidationError.js'
import type { PollEvent } from './PollEvent.js'
import type { LoopTiming } from './LoopBody.js'
import type { WatchOptions } from './WatchOptions.js'
import { invalidInput } from '../errors/invalidInput.js'
import { checkBoolean, checkCallable, checkDeadline } from '../errors/optionChecks.js'
import { checkRetryPolicy } from '../schedules/RetryPolicy.js'
import type { WatchDefaults } from './WatchDefaults.js'


function bothListeners(
  first: ((event: PollEvent) => void) | undefined,
  second: ((event: PollEvent) => void) | undefined,
): ((event: PollEvent) => void) | undefined {
  if (first === undefined || second === undefined) return first ?? second
  return (event) => {
    first(event)
    second(event)
  }
}

/** A watch's checked settings: how its loop runs, and its own overall deadline (`false` for none). */
export interface WatchSettings extends LoopTiming {
  readonly timeoutMs: number | false
  readonly token?: string
}

/**
 * Checks a watch's options and merges them over the client's settings. Bad options come back as
 * a `ValidationError` naming each field (`caller` names the method in the message).
 */
export function loopSettings(settings: WatchDefaults, options: WatchOptions, caller: string): WatchSettings | ValidationError {
  const issues: ValidationIssue[] = []
  checkCallable(options.schedule, 'schedule', 'nextDelayMs', issues)
  checkCallable(options.onPoll, 'onPoll', undefined, issues)
  checkCallable(options.onConnection, 'onConnection', undefined, issues)
  checkBoolean('pauseWhenHidden', options.pauseWhenHidden, issues)
  const retry = checkRetryPolicy(options.retry, settings.retry, 'retry', issues)
  if (options.timeoutMs !== undefined) checkDeadline('timeoutMs', options.timeoutMs, issues)
  const { token } = options
  // A header value: printable ASCII, so that no request is built with a line break in it.
  if (token !== undefined && caller !== 'watchJob$') issues.push({ path: 'token', message: 'a job token opens one job: give it to watchJob$' })
  else if (token !== undefined && (typeof token !== 'string' || !/^[\x21-\x7e]{1,2048}$/.test(token))) {
    issues.push({ path: 'token', message: 'expected a job token (1 to 2048 printable characters)' })
  }
  if (issues.length > 0) {
    return invalidInput(`Invalid ${caller} options`, issues)
  }
  const onPoll = bothListeners(settings.onPoll, options.onPoll)
  return {
    schedule: options.schedule ?? settings.schedule,
    retry,
    scheduler: settings.scheduler,
    random: settings.random,
    keyKind: settings.keyKind,
    page: settings.page,
    pauseWhenHidden: options.pauseWhenHidden ?? settings.pauseWhenHidden,
    timeoutMs: options.timeoutMs ?? settings.watchTimeoutMs,
    ...(onPoll === undefined ? {} : { onPoll }),
    ...(token === undefined ? {} : { token }),
  }
}
