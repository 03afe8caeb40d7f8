import { catchError, concat, concatMap, defer, EMPTY, finalize, ignoreElements, map, of, throwError, timer, type Observable } from 'rxjs'
import { submit$ } from '../api/submit.js'
import { validateInput } from '../api/validateInput.js'
import type { JobAccepted } from '../codecs/JobAccepted.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import type { PixiiError } from '../errors/PixiiError.js'
import { RetriesExhaustedError } from '../errors/RetriesExhaustedError.js'
import type { SubmissionOutcomeUnknownError } from '../errors/SubmissionOutcomeUnknownError.js'
import { createSubmissionLimiter } from './limiter/createSubmissionLimiter.js'
import type { LimiterToken, SubmissionLimiter } from './limiter/SubmissionLimiter.js'
import { resendVerdict, type ResendVerdict } from '../http/resendVerdict.js'
import { backoffDelayMs } from '../schedules/RetryPolicy.js'
import { findSubmittedJob$ } from './findSubmittedJob.js'
import { createKeyedLock } from '../rx/keyedLock.js'
import type { SubmitterSettings } from './SubmitterSettings.js'
import type { Submission } from './Submission.js'
import { submissionTarget } from './submissionTarget.js'

/** A submission's job: from the server's answer, or found and adopted after the answer was lost. */
export interface SubmittedJob {
  readonly accepted: JobAccepted
  /** True when the answer was lost and the job was found with the list endpoint. */
  readonly adopted: boolean
}

/**
 * What a caller of {@link Submitter.submit$} may add around each POST: a catalogue run records
 * its intent durably before the request leaves, and tells the look-up of a lost answer which job
 * ids a previous run already owns.
 */
export interface SubmitHooks {
  /**
   * Called once the limiter has given its token and right before each POST of the submission
   * (each resend after a 429 or an unsent attempt included). The POST waits until it completes;
   * if it fails, the token comes back, nothing is sent, and the submission fails with its error.
   */
  readonly beforeSend?: (attempt: { readonly at: number }) => Observable<unknown>
  /** Job ids known elsewhere (a journal's), never adopted as this submission's job. */
  readonly isKnown?: (jobId: string) => boolean
}

/** Every submission of one client goes through this: one limiter, one memory of its jobs. */
export interface Submitter {
  readonly limiter: SubmissionLimiter
  submit$(submission: Submission, hooks?: SubmitHooks): Observable<SubmittedJob>
}

type Underlying = Exclude<PixiiError, SubmissionOutcomeUnknownError | RetriesExhaustedError>
type Attempt =
  | { readonly ok: true; readonly accepted: JobAccepted }
  | { readonly ok: false; readonly error: Underlying; readonly verdict: ResendVerdict; readonly sentAt: number }

const BACKOFF_BASE_MS = 500

/**
 * Makes the submitter of a client. One submission: checked first (an invalid one waits for
 * nothing and sends nothing); then, one at a time per ASIN and job type, it waits for a token of
 * the limiter and is sent. A 429 pauses the limiter for `Retry-After` and sends it again at the
 * head of the queue; a refused connection or a 503 sends it again after a backoff, within the
 * client's retry budget. A lost answer is never followed by a second POST: the job is looked
 * for, and adopted or reported as `SubmissionOutcomeUnknown`.
 */
export function createSubmitter(settings: SubmitterSettings, options: { readonly limiter?: SubmissionLimiter } = {}): Submitter {
  const { scheduler } = settings
  // A catalogue run brings its own (seeded from its journal, or shared by a store); a client may
  // be given one (its `limiter` option).
  const limiter = options.limiter ?? settings.limiter ?? createSubmissionLimiter(settings.rateLimits, scheduler)
  const oneAtATime = createKeyedLock()
  // Job ids this client has seen for its submissions, with when. An id is forgotten once it is
  // too old to fall in the window of any look-up still possible: one that started before every
  // submission in progress was sent (less twice the clock skew, as `created_at` is the server's
  // clock), and therefore created before it.
  const known = new Map<string, number>()
  const inProgress = new Set<{ sentAt: number }>()
  const remember = (jobId: string): void => {
    const now = scheduler.now()
    let horizon = now
    for (const submission of inProgress) horizon = Math.min(horizon, submission.sentAt)
    horizon -= 2 * settings.outcomeLookup.clockSkewMs
    for (const [id, at] of known) {
      if (at >= horizon) break
      known.delete(id)
    }
    known.delete(jobId)
    known.set(jobId, now)
  }

  const submitOne$ = (submission: Submission, hooks: SubmitHooks = {}): Observable<SubmittedJob> =>
    defer(() => {
      const target = submissionTarget(submission.kind)
      const checked = validateInput(target.codec, submission.request)
      if (!checked.ok) return throwError(() => checked.error)
      const { asin } = submission.request
      const progress = { sentAt: scheduler.now() }

      const send$ = (front: boolean): Observable<Attempt> =>
        limiter.withToken$(
          (token) => {
            const { beforeSend } = hooks
            const before$ =
              beforeSend === undefined
                ? EMPTY
                : defer(() => beforeSend({ at: scheduler.now() })).pipe(
                    ignoreElements(),
                    catchError((error: unknown) => {
                      token.returned()
                      return throwError(() => error)
                    }),
                  )
            return concat(before$, defer(() => post$(token)))
          },
          { front },
        )

      const post$ = (token: LimiterToken): Observable<Attempt> =>
        defer(() => {
          const sentAt = scheduler.now()
          progress.sentAt = sentAt
          return submit$(settings, target.path, target.codec, checked.value).pipe(
            map(({ accepted, headers }): Attempt => {
              token.spent(headers)
              return { ok: true, accepted }
            }),
            catchError((error: unknown) => {
              if (!isPixiiError(error) || error._tag === 'SubmissionOutcomeUnknown' || error._tag === 'RetriesExhausted') {
                return throwError(() => error)
              }
              const verdict = resendVerdict(error, 'POST')
              if (verdict === 'rate-limited') token.rateLimited(error._tag === 'RateLimited' ? error.retryAfterMs : undefined)
              else if (verdict === 'unsent') token.returned()
              else token.spent()
              return of<Attempt>({ ok: false, error, verdict, sentAt })
            }),
          )
        })

      const attempt$ = (failures: number, front: boolean): Observable<SubmittedJob> =>
        send$(front).pipe(
          concatMap((attempt) => {
            if (attempt.ok) {
              remember(attempt.accepted.job_id)
              return of({ accepted: attempt.accepted, adopted: false })
            }
            const { error, verdict, sentAt } = attempt
            if (error.context.jobId !== undefined) remember(error.context.jobId)
            switch (verdict) {
              case 'rate-limited':
                // The limiter is paused for Retry-After; this one goes first when it resumes.
                return attempt$(failures, true)
              case 'unsent':
              case 'transient': {
                if (failures >= settings.retry.maxConsecutiveFailures) {
                  const message = `Gave up after ${failures + 1} attempts that never reached the server; the last: ${error.message}`
                  return throwError(() => new RetriesExhaustedError({ message, lastError: error, attempts: failures + 1 }))
                }
                const retryAfterMs = error._tag === 'Server' ? error.retryAfterMs : undefined
                const waitMs = retryAfterMs ?? backoffDelayMs(BACKOFF_BASE_MS, failures, settings.retry, settings.random)
                return timer(waitMs, scheduler).pipe(concatMap(() => attempt$(failures + 1, true)))
              }
              case 'refused':
                return throwError(() => error)
              case 'unknown':
                return findSubmittedJob$(settings, { asin, jobType: target.jobType, sentAt, error, isKnown: (id) => known.has(id) || hooks.isKnown?.(id) === true }).pipe(
                  map((job) => {
                    remember(job.id)
                    const accepted: JobAccepted = { job_id: job.id, job_type: job.job_type, status: job.status, created_at: job.created_at }
                    return { accepted, adopted: true }
                  }),
                )
            }
          }),
        )

      return oneAtATime(`${target.jobType}\u0000${asin}`, () =>
        defer(() => {
          progress.sentAt = scheduler.now()
          inProgress.add(progress)
          return attempt$(0, false)
        }).pipe(finalize(() => inProgress.delete(progress))),
      )
    })

  return { limiter, submit$: submitOne$ }
}
