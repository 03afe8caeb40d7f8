import { relative } from 'node:path'
import { catchError, concat, concatMap, defer, EMPTY, map, of, throwError, type Observable } from 'rxjs'
import { isSucceededAd } from '../codecs/Ad.js'
import type { CompletedJob, Job } from '../codecs/Job.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import type { PixiiError } from '../errors/PixiiError.js'
import { downloadAds } from '../node/downloadAds.js'
import type { CatalogueEvent } from './CatalogueEvent.js'
import type { CatalogueRow } from './CatalogueRow.js'
import { isFatal } from './fatal.js'
import { resultOfRow } from './resultOfRow.js'
import { record$, type RunContext } from './RunContext.js'

const note = (error: PixiiError): { tag: string; message: string } => ({ tag: error._tag, message: error.message })

/** Records a failure that leaves the row to a later run. */
export function problem$(context: RunContext, row: CatalogueRow, jobId: string | null, error: unknown): Observable<CatalogueEvent> {
  if (isFatal(error) || !isPixiiError(error)) return throwError(() => error)
  const entry = { kind: 'problem', row: row.key, at: context.scheduler.now(), jobId, error: note(error) } as const
  return record$(context, entry).pipe(map((): CatalogueEvent => ({ kind: 'problem', row: row.key, jobId, error })))
}

function finished$(context: RunContext, row: CatalogueRow, jobId: string | null, status: 'completed' | 'failed' | 'refused', error: PixiiError | null): Observable<CatalogueEvent> {
  const entry = { kind: 'finished', row: row.key, at: context.scheduler.now(), jobId, status, error: error === null ? null : note(error) } as const
  return record$(context, entry).pipe(map((record): CatalogueEvent => ({ kind: 'finished', row: row.key, result: resultOfRow(row, record, false) })))
}

/** Records a row refused for good (its request is invalid): never submitted again on its own. */
export function refused$(context: RunContext, row: CatalogueRow, error: PixiiError): Observable<CatalogueEvent> {
  return finished$(context, row, null, 'refused', error)
}

function output$(context: RunContext, row: CatalogueRow, job: Job & { status: 'completed' | 'failed' }): Observable<never> {
  const ads = (job.output?.ads ?? []).map((ad, adIndex) => ({ adIndex, ok: isSucceededAd(ad), code: isSucceededAd(ad) ? null : ad.error.code }))
  const entry = {
    kind: 'output', row: row.key, at: context.scheduler.now(), jobId: job.id, status: job.status, completedAt: job.completed_at,
    errorCode: job.error_code, credits: { charged: job.credit_cost, refunded: job.credits_refunded }, ads,
  } as const
  return record$(context, entry).pipe(concatMap(() => EMPTY))
}

/**
 * Downloads a completed job's images, recording each one; once every generated image is on disk
 * the row is finished. URLs that expired are fetched afresh once (a new read of the job signs
 * them again); an image still missing leaves the row to a later run.
 */
function download$(context: RunContext, row: CatalogueRow, job: CompletedJob, fresh: boolean): Observable<CatalogueEvent> {
  let expired = false
  let lastFailure: PixiiError | undefined
  const images$ = of(job).pipe(
    downloadAds({ ...context.downloads, dir: context.out, scheduler: context.scheduler }),
    concatMap((event): Observable<CatalogueEvent> => {
      if (event.kind === 'image') {
        const file = relative(context.out, event.file)
        const entry = { kind: 'image', row: row.key, at: context.scheduler.now(), jobId: job.id, adIndex: event.adIndex, file, bytes: event.bytes, sha256: event.sha256 } as const
        return record$(context, entry).pipe(map((): CatalogueEvent => ({ kind: 'image', row: row.key, jobId: job.id, adIndex: event.adIndex, file, sha256: event.sha256 })))
      }
      if (event.kind === 'image-failed') {
        if (event.error._tag === 'ImageExpired') expired = true
        lastFailure = event.error
        const entry = { kind: 'image-failed', row: row.key, at: context.scheduler.now(), jobId: job.id, adIndex: event.adIndex, error: note(event.error) } as const
        return record$(context, entry).pipe(map((): CatalogueEvent => ({ kind: 'image-failed', row: row.key, jobId: job.id, adIndex: event.adIndex, error: event.error })))
      }
      return EMPTY
    }),
  )
  const verdict$ = defer((): Observable<CatalogueEvent> => {
    if (expired && !fresh) {
      return context.client.getJob$(job.id).pipe(
        concatMap((again) => (again.status === 'completed' ? download$(context, row, again, true) : EMPTY)),
        catchError((error: unknown) => problem$(context, row, job.id, error)),
      )
    }
    const record = context.state.rows.get(row.key)
    const missing = job.output.ads.flatMap((ad, adIndex) => (isSucceededAd(ad) && record?.images.has(adIndex) !== true ? [adIndex] : []))
    if (missing.length === 0) return finished$(context, row, job.id, 'completed', null)
    if (lastFailure !== undefined) return problem$(context, row, job.id, lastFailure)
    // Nothing failed, yet an image is missing (an answer whose ads changed between two reads).
    const message = `${missing.length} image(s) of job ${job.id} are not on disk; a later run downloads them`
    const entry = { kind: 'problem', row: row.key, at: context.scheduler.now(), jobId: job.id, error: { tag: 'ImagesMissing', message } } as const
    return record$(context, entry).pipe(concatMap(() => EMPTY))
  })
  return concat(images$, verdict$)
}

/**
 * Follows a row's job to its end: each new status recorded, its output recorded once finished,
 * its images downloaded (a completed job) and the row finished. A failed job finishes the row as
 * `failed`; a watch that cannot go on (its deadline, an unknown job) leaves it to a later run.
 */
export function followJob$(context: RunContext, row: CatalogueRow, jobId: string): Observable<CatalogueEvent> {
  // Errors become values first: an error passing through concatMap would cut the step in progress
  // (a failed job's output being recorded when its JobFailed arrives).
  const watched$ = context.client.watchJob$(jobId, context.watch).pipe(
    map((job) => ({ job, error: undefined })),
    catchError((error: unknown) => (isPixiiError(error, 'JobFailed') ? EMPTY : of({ job: undefined, error }))),
  )
  return watched$.pipe(
    concatMap(({ job, error }): Observable<CatalogueEvent> => {
      if (job === undefined) return problem$(context, row, jobId, error)
      const record = context.state.rows.get(row.key)
      const status$ =
        record?.status === job.status
          ? EMPTY
          : record$(context, { kind: 'status', row: row.key, at: context.scheduler.now(), jobId, status: job.status }).pipe(
              map((): CatalogueEvent => ({ kind: 'status', row: row.key, jobId, status: job.status })),
            )
      switch (job.status) {
        case 'pending':
        case 'processing':
          return status$
        case 'completed':
          return concat(status$, output$(context, row, job), download$(context, row, job, false))
        case 'failed':
          return concat(status$, output$(context, row, job), finished$(context, row, jobId, 'failed', null))
      }
    }),
  )
}
