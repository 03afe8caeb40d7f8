import { catchError, defer, from, merge, mergeMap, of, tap, throwError, type Observable } from 'rxjs'
import { checkMaxPages } from '../api/maxPages.js'
import type { Job } from '../codecs/Job.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import { ValidationError } from '../errors/ValidationError.js'
import { eventsDeadline } from './eventsDeadline.js'
import { isFinalEvent } from './isFinalEvent.js'
import type { JobEvent } from './JobEvent.js'
import type { ManyWatchOptions } from './ManyWatchOptions.js'
import type { LoopTiming } from '../watch/LoopBody.js'
import { eachJob$, JobRelays } from './eachJob.js'
import { loopSettings } from '../watch/loopSettings.js'
import type { WatchDefaults } from '../watch/WatchDefaults.js'
import { asinLoop$ } from './watchAsin.js'

/**
 * A job to watch: its id, and the ASIN it was submitted for when known (for list batching).
 *
 * @example
 * ```ts
 * import { createPixiiClient, type WatchTarget } from 'pixii-rx'
 * const targets: WatchTarget[] = ['job_1', { id: 'job_2', asin: 'B0CHX1W1XY' }, { id: 'job_3', asin: 'B0CHX1W1XY' }]
 * const events$ = createPixiiClient({ apiKey: 'pk_test_abc' }).watchJobs$(targets) // job_2 and job_3 share one listing
 * ```
 */
export type WatchTarget = string | { readonly id: string; readonly asin?: string }

/** How `watchJobs$` reaches one job's own (shared) loop. */
type JobLoop = (id: string, timing: LoopTiming) => Observable<Job>

/** Jobs that share an ASIN (at least two of them) are polled through one listing. */
function groupByAsin(targets: readonly WatchTarget[], knownAsins: ReadonlyMap<string, string>, batch: boolean) {
  const asinOf = new Map<string, string | undefined>()
  for (const target of targets) {
    const id = typeof target === 'string' ? target : target.id
    const asin = (typeof target === 'string' ? undefined : target.asin) ?? knownAsins.get(id)
    if (!asinOf.has(id) || asin !== undefined) asinOf.set(id, asin)
  }
  const byAsin = new Map<string, string[]>()
  for (const [id, asin] of asinOf) if (batch && asin !== undefined) byAsin.set(asin, [...(byAsin.get(asin) ?? []), id])
  const groups = [...byAsin].filter(([, ids]) => ids.length >= 2)
  const grouped = new Set(groups.flatMap(([, ids]) => ids))
  return { groups, alone: [...asinOf.keys()].filter((id) => !grouped.has(id)) }
}

/**
 * The `watchJobs$` of one client: each job on its own loop (shared with `watchJob$`), except jobs
 * that share an ASIN, which are read through one listing; a job the listing does not hold falls
 * back to its own loop. Per-job failures are `error` events unless `failFast`; bad options end
 * the stream at once with a `ValidationError`, before any request.
 */
export function watchJobsFor(
  settings: WatchDefaults,
  jobLoop$: JobLoop,
  knownAsins: ReadonlyMap<string, string>,
): (targets: readonly WatchTarget[], options?: ManyWatchOptions) => Observable<JobEvent> {
  return (targets, options = {}) =>
    defer(() => {
      const checked = loopSettings(settings, options, 'watchJobs$')
      if (checked instanceof ValidationError) return throwError(() => checked)
      // Checked here as well as by each batch: a bad maxPages is a bad option even when no job is batched.
      const maxPages = checkMaxPages(options.maxPages, 'watchJobs$')
      if (maxPages instanceof ValidationError) return throwError(() => maxPages)
      const { timeoutMs, ...timing } = checked
      const { groups, alone } = groupByAsin(targets, knownAsins, options.batchByAsin ?? true)
      const loopOf = (id: string): Observable<Job> => jobLoop$(id, timing)
      const single = (id: string): Observable<JobEvent> => eachJob$([id], loopOf)
      const batched = groups.map(([asin, ids]) => {
        const open = new Set(ids)
        return asinLoop$(settings, asin, options, new Set(ids)).pipe(
          tap((event) => {
            if (event.kind === 'missing' || isFinalEvent(event)) open.delete(event.id)
          }),
          mergeMap((event) => (event.kind === 'missing' ? single(event.id) : of(event))),
          // The listing as a whole failed (key refused, retries exhausted): every open job reports it.
          catchError((error: unknown) =>
            isPixiiError(error) ? from([...open].map((id): JobEvent => ({ kind: 'error', id, error }))) : throwError(() => error),
          ),
        )
      })
      // One deadline for every job of the call (they all start now): one timer, not one per job.
      // The jobs alone are read from their relays when it passes; the batched ones it follows itself.
      const relays = new JobRelays()
      const ids = groups.flatMap(([, grouped]) => grouped)
      const events = merge(eachJob$(alone, loopOf, relays), ...batched).pipe(
        eventsDeadline(timeoutMs, settings.scheduler, 'watchJobs$', { ids, elsewhere: relays }),
      )
      if (options.failFast !== true) return events
      return events.pipe(mergeMap((event) => (event.kind === 'error' ? throwError(() => event.error) : of(event))))
    })
}
