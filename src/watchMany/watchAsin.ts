import { defer, filter, throwError, type Observable } from 'rxjs'
import { getJob$ } from '../api/getJob.js'
import { listDatedJobPage$ } from '../api/listJobPage.js'
import { checkMaxPages } from '../api/maxPages.js'
import { validateInput } from '../api/validateInput.js'
import { Asin } from '../codecs/primitives.js'
import { invalidInput } from '../errors/invalidInput.js'
import { checkDeadline } from '../errors/optionChecks.js'
import { ValidationError, type ValidationIssue } from '../errors/ValidationError.js'
import { asinBody, type AsinLoopEvent } from './asinBody.js'
import { eventsDeadline } from './eventsDeadline.js'
import type { JobEvent } from './JobEvent.js'
import type { ManyWatchOptions } from './ManyWatchOptions.js'
import { pollLoop$ } from '../watch/pollLoop.js'
import { shareByKey } from '../rx/shareByKey.js'
import { loopSettings } from '../watch/loopSettings.js'
import type { WatchDefaults } from '../watch/WatchDefaults.js'

/** The polling loop of one ASIN's listing, for every job or only some (`only`). */
export function asinLoop$(
  settings: WatchDefaults,
  asin: string,
  options: ManyWatchOptions,
  only?: ReadonlySet<string>,
): Observable<AsinLoopEvent> {
  return defer(() => {
    const checked = validateInput(Asin, asin, 'asin')
    if (!checked.ok) return throwError(() => checked.error)
    const loop = loopSettings(settings, options, only === undefined ? 'watchAsin$' : 'watchJobs$')
    if (loop instanceof ValidationError) return throwError(() => loop)
    const maxPages = checkMaxPages(options.maxPages, only === undefined ? 'watchAsin$' : 'watchJobs$')
    if (typeof maxPages !== 'number') return throwError(() => maxPages)
    const limit = options.pageSize ?? 100
    return pollLoop$({
      ...loop,
      subject: asin,
      noun: 'ASIN',
      body: () =>
        asinBody({
          page$: (page) => listDatedJobPage$(settings, { asin, page, limit }),
          limit,
          maxPages,
          getJob$: (id) => getJob$(settings, id),
          completeWhenIdle: options.completeWhenIdle ?? false,
          ...(only === undefined ? {} : { only }),
        }),
    })
  })
}

/**
 * The `watchAsin$` of one client: one shared listing loop per ASIN and options. With
 * `completeWhenIdle` each subscriber has its own overall deadline (`timeoutMs`, else the client's
 * `watchTimeoutMs`); an open-ended watch is a feed that runs until unsubscribed, with none.
 */
export function watchAsinFor(settings: WatchDefaults): (asin: string, options?: ManyWatchOptions) => Observable<JobEvent> {
  const shared = shareByKey<string, AsinLoopEvent>()
  return (asin, options = {}) => {
    const key = `${asin}\u0000${options.pageSize ?? 100}\u0000${options.completeWhenIdle === true}\u0000${String(options.maxPages)}`
    // Checked here too: a subscriber joining a running loop is not checked by it.
    const issues: ValidationIssue[] = []
    if (options.timeoutMs !== undefined) checkDeadline('timeoutMs', options.timeoutMs, issues)
    if (issues.length > 0) {
      return throwError(() => invalidInput('Invalid watchAsin$ options', issues))
    }
    const ms = options.completeWhenIdle === true ? (options.timeoutMs ?? settings.watchTimeoutMs) : false
    return shared(key, () => asinLoop$(settings, asin, options)).pipe(
      filter((event): event is JobEvent => event.kind !== 'missing'),
      eventsDeadline(ms, settings.scheduler, `ASIN ${asin}`),
    )
  }
}
