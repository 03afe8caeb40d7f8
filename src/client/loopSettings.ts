import { ValidationError, type ValidationIssue } from '../errors/ValidationError.js'
import type { PollEvent } from '../watch/PollEvent.js'
import type { LoopTiming } from '../watch/pollLoop.js'
import type { WatchOptions } from '../watch/WatchOptions.js'
import { checkCallable, checkRetryPolicy, type ClientSettings } from './normalizeOptions.js'


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

/**
 * Checks a watch's options and merges them over the client's settings. Bad options come back as
 * a `ValidationError` naming each field (`caller` names the method in the message).
 */
export function loopSettings(settings: ClientSettings, options: WatchOptions, caller: string): LoopTiming | ValidationError {
  const issues: ValidationIssue[] = []
  checkCallable(options.schedule, 'schedule', 'nextDelayMs', issues)
  checkCallable(options.onPoll, 'onPoll', undefined, issues)
  const retry = checkRetryPolicy(options.retry, settings.retry, 'retry', issues)
  if (issues.length > 0) {
    const message = `Invalid ${caller} options: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`
    return new ValidationError({ message, source: 'client', issues })
  }
  const onPoll = bothListeners(settings.onPoll, options.onPoll)
  return {
    schedule: options.schedule ?? settings.schedule,
    retry,
    scheduler: settings.scheduler,
    random: settings.random,
    keyKind: settings.keyKind,
    ...(onPoll === undefined ? {} : { onPoll }),
  }
}
