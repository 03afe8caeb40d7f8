import { catchError, concatMap, defer, filter, map, of, takeWhile, throwError, timer, toArray, type Observable } from 'rxjs'
import { listJobs$ } from '../api/listJobs.js'
import type { JobSummary } from '../codecs/JobSummary.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import { mayResend } from '../http/resendVerdict.js'
import type { PixiiError } from '../errors/PixiiError.js'
import { SubmissionOutcomeUnknownError } from '../errors/SubmissionOutcomeUnknownError.js'
import { exponential } from '../schedules/exponential.js'
import { upTo } from '../schedules/upTo.js'
import type { SubmitterSettings } from './SubmitterSettings.js'

type Underlying = Exclude<PixiiError, SubmissionOutcomeUnknownError>

/** A submission whose answer was lost, and how to recognise its job. */
export interface LostSubmission {
  readonly asin: string
  readonly jobType: string
  /** When the request was sent, on the client's clock. */
  readonly sentAt: number
  /** The failure that lost the answer. */
  readonly error: Underlying
  /** Whether this client already knows a job id (as another submission's job). */
  readonly isKnown: (jobId: string) => boolean
}

// 1 s, 2 s, 4 s, ... at most 15 s apart; no jitter: one client's look-ups do not come in herds.
const lookupGapMs = upTo(15_000)(exponential(1_000))
const iso = (ms: number): string => new Date(ms).toISOString()

/**
 * Looks for the job of a submission whose answer was lost: a job of its ASIN and job type,
 * created between the moment it was sent and the moment of the look-up (each widened by
 * `clockSkewMs`), not already known to the client. It lists the ASIN's jobs (newest first, so it
 * stops paging at the first job older than the window) at once, then after 1 s, 2 s, 4 s, ...
 * (at most 15 s apart) until `waitMs` has passed. Emits the one job found. Errors with
 * `SubmissionOutcomeUnknown` when none appeared in time, when more than one matches (it does not
 * guess), or when the list cannot be read for a reason that will not pass.
 */
export function findSubmittedJob$(settings: SubmitterSettings, lost: LostSubmission): Observable<JobSummary> {
  const { scheduler } = settings
  const { waitMs, clockSkewMs } = settings.outcomeLookup
  return defer(() => {
    const from = lost.sentAt - clockSkewMs
    const deadline = scheduler.now() + waitMs
    const unknown = (candidates: readonly string[], lookupError: Underlying | undefined): SubmissionOutcomeUnknownError => {
      const until = scheduler.now() + clockSkewMs
      const { method = 'POST', path = '' } = lost.error.context
      const found =
        candidates.length > 0
          ? `${candidates.length} ${lost.jobType} jobs of ASIN ${lost.asin} match (${candidates.join(', ')}), so none was adopted`
          : `no ${lost.jobType} job of ASIN ${lost.asin} created between ${iso(from)} and ${iso(until)} appeared within ${waitMs} ms`
      const listing = lookupError === undefined ? '' : ` (the job list could not be read: ${lookupError.message})`
      const message = `The outcome of ${method} ${path} is unknown: ${lost.error.message}; ${found}${listing}. It was not sent again: check the ASIN's jobs before submitting it again.`
      return new SubmissionOutcomeUnknownError({
        message, lastError: lost.error, ...(lookupError === undefined ? {} : { lookupError }),
        asin: lost.asin, jobType: lost.jobType, sentAt: iso(lost.sentAt), searchedUntil: iso(until), candidates,
      })
    }
    const look = (attempt: number): Observable<JobSummary> =>
      defer(() => {
        const until = scheduler.now() + clockSkewMs
        return listJobs$(settings, lost.asin, { limit: 100 }).pipe(
          takeWhile((job) => Date.parse(job.created_at) >= from),
          filter((job) => job.job_type === lost.jobType && Date.parse(job.created_at) <= until && !lost.isKnown(job.id)),
          toArray(),
          map((found) => ({ found, failure: undefined as Underlying | undefined })),
          catchError((error: unknown) =>
            isPixiiError(error) && error._tag !== 'SubmissionOutcomeUnknown' ? of({ found: [], failure: error }) : throwError(() => error),
          ),
          concatMap(({ found, failure }) => {
            const [only, ...others] = found
            if (only !== undefined && others.length === 0) return of(only)
            if (found.length > 1) return throwError(() => unknown(found.map((job) => job.id), failure))
            if (failure !== undefined && !mayResend(failure)) return throwError(() => unknown([], failure))
            const now = scheduler.now()
            if (now >= deadline) return throwError(() => unknown([], failure))
            const gap = Math.min(lookupGapMs(attempt), deadline - now)
            return timer(gap, scheduler).pipe(concatMap(() => look(attempt + 1)))
          }),
        )
      })
    return look(0)
  })
}
