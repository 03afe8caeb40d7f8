import {
  catchError, concat, concatMap, defer, EMPTY, finalize, from, ignoreElements, map, merge, mergeMap, of, share, Subject, takeUntil,
  throwError, timer, type Observable,
} from 'rxjs'
import { resolve } from 'node:path'
import { clientFromSettings } from '../client/createPixiiClient.js'
import { normalizeOptions } from '../client/normalizeOptions.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import { NetworkError } from '../errors/NetworkError.js'
import { SubmissionOutcomeUnknownError } from '../errors/SubmissionOutcomeUnknownError.js'
import { createKeyedLock } from '../rx/keyedLock.js'
import { mergePulled } from '../rx/mergePulled.js'
import { createSubmitter } from '../submit/createSubmitter.js'
import { createSubmissionLimiter } from '../submit/limiter/createSubmissionLimiter.js'
import type { SubmissionFeed } from '../submit/SubmissionFeed.js'
import { submissionTarget } from '../submit/submissionTarget.js'
import type { CatalogueEvent } from './CatalogueEvent.js'
import type { CatalogueRow } from './CatalogueRow.js'
import { checkRunOptions } from './checkRunOptions.js'
import { followJob$, problem$, refused$ } from './followJob.js'
import { imagesOnDisk } from './imagesOnDisk.js'
import { applyEntry, foldJournal, type RowRecord } from './JournalState.js'
import { lookForJobs$ } from './lookForJobs.js'
import { resultOfRow } from './resultOfRow.js'
import type { RunCatalogueOptions } from './RunCatalogueOptions.js'
import { record$, type RunContext } from './RunContext.js'

const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * MINUTE_MS

/** What the submission stage of a row hands on: an event, or a job to follow. */
type Step = CatalogueEvent | { readonly kind: 'follow'; readonly row: CatalogueRow; readonly jobId: string }

/**
 * Runs a catalogue: submits each row once, watches its job, downloads its images, and records
 * every step in `options.store` before and after it happens, so that a run killed at any instant
 * (a deploy, a reboot, `kill -9`) resumes where it stopped when started again on the same store.
 *
 * On start it reads the store. Finished rows are skipped (a completed row whose images are no
 * longer all on disk has them downloaded again). A row whose intent was recorded but whose answer
 * never was is looked for in its ASIN's listing: a job of its type created after the intent and
 * owned by no other row is adopted; only when none appeared `settleMs` after the intent is it
 * submitted again; when several could be its job it is left `unresolved`, never guessed. Jobs
 * still running are watched again. A row is never submitted twice otherwise, unless
 * `resubmitFailed` and its job failed or Pixii refused it.
 *
 * Submissions wait on a limiter that starts from the store's submissions of the last minute and
 * day (or on the store's own, when it shares one), corrected by Pixii's headers and 429s. When the
 * day's budget is spent the run emits `waiting` with when it goes on, and waits; with
 * `untilBudget` it leaves the remaining rows `deferred` and ends instead.
 *
 * Rows come from an iterable, an async iterable (read only as rows can go) or an Observable.
 * The stream ends with `done` and every row's result. It fails, after closing the store, when the
 * store cannot record (`FileSystem`), cannot be opened (`JournalLocked`, `JournalFormat`), or for
 * a failure every row would share (`Unauthorized`, `InsufficientCredits`, `NoActiveBrand`).
 *
 * @param rows - The catalogue: rows made with {@link rowOf} or read with {@link readRows}.
 * @param options - The store, the client's options, the output folder and how to run (see {@link RunCatalogueOptions}).
 * @throws `ValidationError` (source `client`) at subscription for invalid options, before the store
 * is opened. In the error channel: the store's errors (`JournalLocked`, `JournalFormat`,
 * `FileSystem`) and the run-wide failures above; a row's own failure is a `problem` or a
 * `finished` event instead.
 *
 * @example
 * ```ts
 * import { mkdtemp, rm } from 'node:fs/promises'
 * import { tmpdir } from 'node:os'
 * import { join } from 'node:path'
 * import { lastValueFrom } from 'rxjs'
 * import { createJournalStore, rowOf, runCatalogue$ } from 'pixii-rx/catalogue'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * const dir = await mkdtemp(join(tmpdir(), 'catalogue-'))
 * const rows = ['B0CHX1W1XY', 'B0CHX1W1XZ'].map((asin) => rowOf({ kind: 'aPlus', request: { asin, country_code: 'US', types: ['A+ Basic'] } }))
 * const run = (rows: ReturnType<typeof rowOf>[]) =>
 *   lastValueFrom(runCatalogue$(rows, { store: createJournalStore(join(dir, 'run.journal')), client: { apiKey: simulator.testKey, baseUrl: simulator.url }, out: join(dir, 'images') }))
 * const first = await run(rows)
 * if (first.kind === 'done') console.log(first.results.map((result) => `${result.status} ${result.files.length}`).join(', '))
 * const again = await run(rows) // everything is finished: nothing is sent
 * if (again.kind === 'done') console.log(again.results.every((result) => result.status === 'completed'), simulator.jobIds().length)
 * await simulator.close()
 * await rm(dir, { recursive: true })
 * // Output: completed 1, completed 1
 * // Output: true 2
 * ```
 */
export function runCatalogue$(rows: SubmissionFeed<CatalogueRow>, options: RunCatalogueOptions): Observable<CatalogueEvent> {
  return defer(() => {
    const checked = checkRunOptions(options)
    const settings = normalizeOptions(options.client)
    const { scheduler } = settings
    const { store } = options
    let closed: Promise<void> | undefined
    const close = (): Promise<void> => (closed ??= store.close())

    return from(store.open()).pipe(
      concatMap((contents) => {
        const state = foldJournal(contents.entries)
        const limiter = store.createLimiter?.(settings.rateLimits, scheduler) ?? createSubmissionLimiter(settings.rateLimits, scheduler, state.submissions)
        const submitter = createSubmitter(settings, { limiter })
        const context: RunContext = {
          store, state, submitter, scheduler,
          client: clientFromSettings(settings, submitter),
          out: resolve(options.out),
          watch: options.watch ?? { timeoutMs: 2 * 60 * MINUTE_MS },
          downloads: options.downloads ?? {},
          settleMs: checked.settleMs,
          clockSkewMs: settings.outcomeLookup.clockSkewMs,
          resubmitFailed: options.resubmitFailed === true,
          untilBudget: options.untilBudget === true,
        }
        const now = scheduler.now()
        const records = [...state.rows.values()]
        const opened: CatalogueEvent = {
          kind: 'opened',
          finished: records.filter((record) => record.finished !== undefined).length,
          inProgress: records.filter((record) => record.finished === undefined).length,
          problems: contents.problems,
          submissions: {
            lastMinute: state.submissions.filter((at) => at > now - MINUTE_MS).length,
            lastDay: state.submissions.filter((at) => at > now - DAY_MS).length,
          },
        }
        const inputRows: CatalogueRow[] = []
        const deferred = new Set<string>()
        const seen = new Set<string>()
        const oneAtATime = createKeyedLock()
        // Rows another worker holds, for a shared store to give this one when they are free.
        const contested: CatalogueRow[] = []
        // A shared store leases an ASIN's submissions to one worker at a time, as the row itself:
        // held while the row is submitted or resolved, given back once its job is known.
        const oneInFleet$ = (lease: string, work: () => Observable<Step>): Observable<Step> => {
          if (store.claimWhenFree === undefined) return work()
          return from(store.claimWhenFree(lease, checked.leaseMs)).pipe(
            concatMap((mine) => (mine ? work().pipe(finalize(() => void store.release(lease).catch(() => undefined))) : EMPTY)),
          )
        }
        const work$ = (row: CatalogueRow, claim: () => Promise<boolean>): Observable<Step> => {
          const { jobType } = submissionTarget(row.submission.kind)
          let following = false
          return defer(claim).pipe(
            concatMap((mine): Observable<Step> => {
              if (!mine) return of<Step>({ kind: 'skipped', row: row.key, reason: 'claimed' })
              // One row of an ASIN and job type at a time, in this process and (a shared store) in
              // the fleet: a look-up must never see the job of a sibling being submitted.
              const sibling = `${jobType}\u0000${row.submission.request.asin}`
              return oneAtATime(sibling, () =>
                oneInFleet$(`\u0000asin\u0000${sibling}`, () =>
                  // A shared store: what other workers recorded (of this row and its siblings) before working it.
                  from(store.refresh === undefined ? Promise.resolve([]) : store.refresh()).pipe(
                    concatMap((entries) => {
                      for (const entry of entries) applyEntry(state, entry)
                      return rowStage$(context, row, deferred)
                    }),
                  ),
                ),
              )
            }),
            map((step) => {
              if (step.kind === 'follow') following = true
              return step
            }),
            finalize(() => {
              if (!following) void store.release(row.key).catch(() => undefined)
            }),
          )
        }
        const stage$ = (row: CatalogueRow): Observable<Step> => {
          if (seen.has(row.key)) return of<Step>({ kind: 'skipped', row: row.key, reason: 'duplicate' })
          seen.add(row.key)
          inputRows.push(row)
          if (store.claimWhenFree === undefined) return work$(row, () => store.claim(row.key, checked.leaseMs))
          return from(store.claim(row.key, checked.leaseMs)).pipe(
            concatMap((mine) => {
              if (mine) return work$(row, () => Promise.resolve(true))
              contested.push(row)
              return EMPTY
            }),
          )
        }
        // After its own rows, a worker of a shared store waits for each row another held: done by
        // then (it reads so and skips it), or lost with a dead worker's lease (it takes it over).
        const takeOver$ = defer(() => {
          if (store.claimWhenFree === undefined) return EMPTY
          return mergePulled(contested.splice(0), checked.concurrency, (row) => work$(row, () => store.claimWhenFree?.(row.key, checked.leaseMs) ?? Promise.resolve(false)))
        })
        const events$ = concat(mergePulled(rows, checked.concurrency, stage$), takeOver$).pipe(
          mergeMap((step): Observable<CatalogueEvent> =>
            step.kind === 'follow'
              ? followJob$(context, step.row, step.jobId).pipe(finalize(() => void store.release(step.row.key).catch(() => undefined)))
              : of(step),
          ),
          share(),
        )
        const ended = new Subject<void>()
        const limiter$ = limiter.state$.pipe(
          concatMap((current): Observable<CatalogueEvent> => {
            const limited = current.day.left === 0 && current.queued > 0 && current.nextSubmissionAt !== undefined
            const shown: CatalogueEvent = { kind: 'limiter', state: current }
            return limited ? of<CatalogueEvent[]>(shown, { kind: 'waiting', until: current.nextSubmissionAt }) : of(shown)
          }),
          takeUntil(ended),
        )
        const done$ = defer(() => {
          ended.next()
          const results = inputRows.map((row) => resultOfRow(row, state.rows.get(row.key), deferred.has(row.key)))
          return concat(from(close()).pipe(ignoreElements()), of<CatalogueEvent>({ kind: 'done', results }))
        })
        return concat(of(opened), merge(limiter$, concat(events$, done$).pipe(finalize(() => ended.next()))))
      }),
      catchError((error: unknown) => from(close().catch(() => undefined)).pipe(concatMap(() => throwError(() => error)))),
      finalize(() => void close().catch(() => undefined)),
    )
  })
}

/** What a row needs now, from what the journal knows of it. */
function rowStage$(context: RunContext, row: CatalogueRow, deferred: Set<string>): Observable<Step> {
  return defer((): Observable<Step> => {
    const record = context.state.rows.get(row.key)
    const finished = record?.finished
    if (finished !== undefined && record !== undefined) {
      if (finished.status === 'completed' && finished.jobId !== null) {
        const jobId = finished.jobId
        // Finished, but an image is gone from the disk: download it again.
        return from(imagesOnDisk(context.out, record)).pipe(
          map((present): Step => (present ? { kind: 'skipped', row: row.key, reason: 'finished' } : { kind: 'follow', row, jobId })),
        )
      }
      if (!context.resubmitFailed) return of<Step>({ kind: 'skipped', row: row.key, reason: finished.status === 'completed' ? 'finished' : 'failed' })
      return submit$(context, row, deferred)
    }
    if (record?.jobId !== undefined) return of<Step>({ kind: 'follow', row, jobId: record.jobId })
    if (record !== undefined && record.intents.length > 0) return resolve$(context, row, record, deferred)
    return submit$(context, row, deferred)
  })
}

/**
 * A row whose POST left in a run that stopped before its answer: adopt its job when exactly one
 * can be it, wait until no more can appear when none is there yet, then submit it again.
 */
function resolve$(context: RunContext, row: CatalogueRow, record: RowRecord, deferred: Set<string>): Observable<Step> {
  const since = Math.min(...record.intents)
  const settledAt = Math.max(...record.intents) + context.settleMs + context.clockSkewMs
  const look$ = (): Observable<Step> =>
    lookForJobs$(context, row, since).pipe(
      concatMap((found): Observable<Step> => {
        const [only, ...others] = found
        if (only !== undefined && others.length === 0) {
          const entry = { kind: 'accepted', row: row.key, at: context.scheduler.now(), jobId: only.id, adopted: true } as const
          return record$(context, entry).pipe(
            concatMap(() => of<Step[]>({ kind: 'accepted', row: row.key, jobId: only.id, adopted: true }, { kind: 'follow', row, jobId: only.id })),
          )
        }
        if (found.length > 1) return problem$(context, row, null, ambiguous(context, row, since, found.map((job) => job.id)))
        const wait = settledAt - context.scheduler.now()
        if (wait > 0) return timer(wait, context.scheduler).pipe(concatMap(look$))
        return submit$(context, row, deferred)
      }),
      catchError((error: unknown) => problem$(context, row, null, error)),
    )
  return look$()
}

function ambiguous(context: RunContext, row: CatalogueRow, since: number, candidates: string[]): SubmissionOutcomeUnknownError {
  const { jobType } = submissionTarget(row.submission.kind)
  const { asin } = row.submission.request
  const lastError = new NetworkError({ message: 'the run that sent it stopped before its answer', failure: 'connection' })
  return new SubmissionOutcomeUnknownError({
    message: `Row ${row.key}: ${candidates.length} ${jobType} jobs of ASIN ${asin} (${candidates.join(', ')}) were created after its submission and none is recorded: none was adopted and it is not sent again. Check them, then add the right one to the journal or run with --resubmit-failed.`,
    lastError, asin, jobType, candidates,
    sentAt: new Date(since).toISOString(),
    searchedUntil: new Date(context.scheduler.now()).toISOString(),
  })
}

/** Submits a row: its intent is on disk before the POST leaves, its job id as soon as it is accepted. */
function submit$(context: RunContext, row: CatalogueRow, deferred: Set<string>): Observable<Step> {
  return defer((): Observable<Step> => {
    if (context.untilBudget) {
      const { day, queued } = context.submitter.limiter.state()
      if (day.left - queued < 1) {
        deferred.add(row.key)
        return of<Step>({ kind: 'deferred', row: row.key })
      }
    }
    const sent = new Subject<Step>()
    const submitted$ = context.submitter
      .submit$(row.submission, {
        beforeSend: ({ at }) =>
          record$(context, { kind: 'intent', row: row.key, at, submission: row.submission }).pipe(map(() => sent.next({ kind: 'submitting', row: row.key, at }))),
        isKnown: (jobId) => context.state.jobIds.has(jobId),
      })
      .pipe(
        concatMap(({ accepted, adopted }) =>
          record$(context, { kind: 'accepted', row: row.key, at: context.scheduler.now(), jobId: accepted.job_id, adopted }).pipe(
            concatMap(() => of<Step[]>({ kind: 'accepted', row: row.key, jobId: accepted.job_id, adopted }, { kind: 'follow', row, jobId: accepted.job_id })),
          ),
        ),
        catchError((error: unknown): Observable<Step> => {
          // Refused for good: the request itself is wrong (checked here, or by Pixii).
          if (isPixiiError(error, 'Validation')) return refused$(context, row, error)
          return problem$(context, row, null, error)
        }),
        finalize(() => sent.complete()),
      )
    return merge(sent, submitted$)
  })
}
