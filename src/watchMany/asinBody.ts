import { catchError, forkJoin, map, mergeMap, of, reduce, tap, throwError, type Observable } from 'rxjs'
import { readPages$ } from '../api/readPages.js'
import type { Job } from '../codecs/Job.js'
import type { JobPage } from '../codecs/JobPage.js'
import type { Dated } from '../http/Dated.js'
import { isTerminalStatus } from '../codecs/JobStatus.js'
import type { JobSummary } from '../codecs/JobSummary.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import { mayResend } from '../http/resendVerdict.js'
import type { PixiiError } from '../errors/PixiiError.js'
import type { JobEvent } from './JobEvent.js'
import type { LoopBody, LoopStep } from '../watch/LoopBody.js'
import { jobStep } from '../watch/pollJob.js'
import { statusRank } from '../watch/statusRank.js'

/** An event of an ASIN loop: a job event, or a watched id the listing does not hold. */
export type AsinLoopEvent = JobEvent | { readonly kind: 'missing'; readonly id: string }

/** One tick of an ASIN loop: the summaries, and the full records of newly finished jobs. */
interface Tick {
  readonly summaries: readonly JobSummary[]
  readonly records: ReadonlyArray<{ readonly id: string; readonly job?: Job; readonly error?: PixiiError }>
  readonly requests: number
  /** The first page's `Date` header, for schedules that estimate Pixii's clock. */
  readonly serverDate?: number
}

/** How an ASIN loop reaches the API and what it watches. */
export interface AsinBodyConfig {
  /** One page of the listing, with its answer's `Date` header. */
  readonly page$: (page: number) => Observable<Dated<JobPage>>
  /** The page size asked for. */
  readonly limit: number
  /** The most pages a tick reads; a listing with more ends the loop with a `DecodeError`. */
  readonly maxPages: number
  readonly getJob$: (id: string) => Observable<Job>
  /** Only these ids (`watchJobs$` batching); every job of the ASIN when absent. */
  readonly only?: ReadonlySet<string>
  /** End once every job seen is finished (always the case with `only`). */
  readonly completeWhenIdle: boolean
}

/** What a tick keeps of the pages it read: each summary wanted once (newest first), and how many pages. */
interface Listing {
  readonly byId: Map<string, JobSummary>
  pages: number
}

/**
 * The body of a loop that polls one ASIN's listing: each tick reads the pages (all of them, or
 * only until every watched id is found), emits a `status` event per new or advanced status, and
 * fetches each finished job's full record once.
 *
 * A tick is bounded: at most `maxPages` list requests (a listing with more, or one that does not
 * hold together, fails the tick with a `DecodeError`, which is not retried and ends the loop),
 * and pages are not kept: only one summary per id (of `only`, when given), so at most
 * `maxPages × limit` summaries (100,000 at the defaults), or `only.size`.
 */
export function asinBody(config: AsinBodyConfig): LoopBody<Tick, AsinLoopEvent> {
  const { only } = config
  const shown = new Map<string, Job | JobSummary>()
  const done = new Set<string>()
  const pending = (): string[] => [...(only ?? [])].filter((id) => !done.has(id))
  // Finished records read in a tick that then failed on another record: kept, so that a retry
  // reads only what is missing. Otherwise a tick needs every record at once, and the chance that
  // some read fails grows with the number of jobs finishing together (chaos run, issue 9).
  const kept = new Map<string, Job>()
  const fetchRecord = (id: string): Observable<Tick['records'][number] & { readonly retry?: unknown }> => {
    const job = kept.get(id)
    if (job !== undefined) return of({ id, job })
    return config.getJob$(id).pipe(
      tap((read) => {
        if (isTerminalStatus(read.status)) kept.set(id, read)
      }),
      map((read) => ({ id, job: read })),
      // A transient failure waits for the other reads of the tick (their records are kept), then fails the tick.
      catchError((error: unknown) => of(isPixiiError(error) && !mayResend(error) ? { id, error } : { id, retry: error })),
    )
  }

  const poll = (): Observable<Tick> => {
    const wanted = new Set(pending())
    const seen = new Set<string>()
    const enough = (page: JobPage): boolean => {
      for (const summary of page.data) seen.add(summary.id)
      return only !== undefined && [...wanted].every((id) => seen.has(id))
    }
    let serverDate: number | undefined
    const page$ = (page: number) =>
      config.page$(page).pipe(
        map((dated) => {
          serverDate ??= dated.serverDate
          return dated.value
        }),
      )
    const pages$ = readPages$(page$, { limit: config.limit, maxPages: config.maxPages, enough, context: { method: 'GET', path: '/v1/api/jobs' } })
    return pages$.pipe(
      reduce((listing: Listing, page) => {
        for (const summary of page.data) {
          if (!listing.byId.has(summary.id) && (only === undefined || only.has(summary.id))) listing.byId.set(summary.id, summary)
        }
        listing.pages += 1
        return listing
      }, { byId: new Map<string, JobSummary>(), pages: 0 }),
      mergeMap(({ byId, pages }) => {
        const summaries = [...byId.values()].reverse()
        const finished = summaries.filter((summary) => isTerminalStatus(summary.status) && !done.has(summary.id))
        const reads = finished.filter((summary) => !kept.has(summary.id)).length
        const records$ = finished.length === 0 ? of([]) : forkJoin(finished.map((summary) => fetchRecord(summary.id)))
        return records$.pipe(
          mergeMap((records) => {
            const failed = records.find((entry) => 'retry' in entry)
            if (failed !== undefined) return throwError(() => failed.retry)
            return of(serverDate === undefined ? { summaries, records, requests: pages + reads } : { summaries, records, requests: pages + reads, serverDate })
          }),
        )
      }),
    )
  }

  const onAnswer = (tick: Tick): LoopStep<AsinLoopEvent> => {
    const emit: AsinLoopEvent[] = []
    for (const summary of tick.summaries) {
      const before = shown.get(summary.id)
      if (isTerminalStatus(summary.status) || (before !== undefined && statusRank(summary.status) <= statusRank(before.status))) continue
      shown.set(summary.id, summary)
      emit.push({ kind: 'status', id: summary.id, status: summary.status, summary })
    }
    for (const { id, job, error } of tick.records) {
      if (error !== undefined) {
        done.add(id)
        emit.push({ kind: 'error', id, error })
        continue
      }
      if (job === undefined || !isTerminalStatus(job.status)) continue
      done.add(id)
      kept.delete(id)
      const step = jobStep(job, undefined)
      shown.set(id, job)
      emit.push({ kind: 'job', id, status: job.status, job })
      if (step.stop?.error !== undefined && isPixiiError(step.stop.error)) emit.push({ kind: 'error', id, error: step.stop.error })
    }
    const listed = new Set(tick.summaries.map((summary) => summary.id))
    for (const id of only === undefined ? [] : pending()) {
      if (listed.has(id)) continue
      done.add(id)
      emit.push({ kind: 'missing', id })
    }
    const outcome = { kind: 'list', jobs: tick.summaries.length, changed: emit.length, requests: tick.requests } as const
    const idle = shown.size > 0 && [...shown.keys()].every((id) => done.has(id))
    const finished = only === undefined ? config.completeWhenIdle && idle : pending().length === 0
    // What the schedule reads of the tick: its Date header, and the finished jobs' records (their
    // timestamps bound Pixii's clock, and their durations are evidence like any watched job's).
    const read = tick.records.flatMap(({ job }) => (job === undefined ? [] : [job]))
    const clock = { ...(tick.serverDate === undefined ? {} : { serverDate: tick.serverDate }), ...(read.length === 0 ? {} : { records: read }) }
    return finished ? { emit, outcome, ...clock, stop: { reason: 'idle' } } : { emit, outcome, ...clock }
  }

  return { poll, onAnswer }
}
