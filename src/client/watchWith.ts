import { defer, throwError, type Observable } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import { getJob$ } from '../api/getJob.js'
import { ValidationError, type ValidationIssue } from '../errors/ValidationError.js'
import type { PollEvent } from '../watch/PollEvent.js'
import { pollJob$ } from '../watch/pollJob.js'
import { shareByKey } from '../watch/shareByKey.js'
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

/** The `watchJob$` of one client: its settings, and one shared polling loop per job id. */
export function watchWith(settings: ClientSettings): (id: string, options?: WatchOptions) => Observable<Job> {
  const shared = shareByKey<string, Job>()
  return (id, options = {}) =>
    defer(() => {
      const issues: ValidationIssue[] = []
      checkCallable(options.schedule, 'schedule', 'nextDelayMs', issues)
      checkCallable(options.onPoll, 'onPoll', undefined, issues)
      const retry = checkRetryPolicy(options.retry, settings.retry, 'retry', issues)
      if (issues.length > 0) {
        const message = `Invalid watchJob$ options: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`
        return throwError(() => new ValidationError({ message, source: 'client', issues }))
      }
      const onPoll = bothListeners(settings.onPoll, options.onPoll)
      return shared(id, () =>
        pollJob$({
          jobId: id,
          poll: () => getJob$(settings, id),
          schedule: options.schedule ?? settings.schedule,
          retry,
          scheduler: settings.scheduler,
          random: settings.random,
          keyKind: settings.keyKind,
          ...(onPoll === undefined ? {} : { onPoll }),
        }),
      )
    })
}
