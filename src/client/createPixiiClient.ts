import { concat, concatMap, map, of, tap, type Observable } from 'rxjs'
import type { APlusRequest } from '../codecs/APlusRequest.js'
import type { JobAccepted } from '../codecs/JobAccepted.js'
import type { ListingBuilderRequest } from '../codecs/ListingBuilderRequest.js'
import type { ScaleRequest } from '../codecs/ScaleRequest.js'
import { getJob$ } from '../api/getJob.js'
import { listJobPage$ } from '../api/listJobPage.js'
import { listJobs$ } from '../api/listJobs.js'
import { toTaskEither } from '../api/toTaskEither.js'
import { createSubmitter, type Submitter } from '../submit/createSubmitter.js'
import { normalizeOptions, type ClientSettings } from './normalizeOptions.js'
import type { PixiiClient } from './PixiiClient.js'
import type { PixiiClientOptions } from './PixiiClientOptions.js'
import { runManyFor } from '../submit/runMany.js'
import type { RunEvent, Submission } from '../submit/Submission.js'
import { submitManyFor } from '../submit/submitMany.js'
import { watchAsinFor } from '../watchMany/watchAsin.js'
import { watchJobsFor } from '../watchMany/watchJobs.js'
import { watchJobFor } from '../watch/watchJob.js'

/**
 * Creates a {@link PixiiClient}. Options are checked at once: a bad one throws a
 * `ValidationError` naming it (the key itself never appears in a message).
 *
 * @param options - See {@link PixiiClientOptions}: only `apiKey` is required, every other option has a default.
 * @throws {@link ValidationError} (source `client`) at once when an option is invalid or unknown, naming every
 * offending option (never the key itself). The client's calls report their own failures as {@link PixiiError}s.
 *
 * @example
 * ```ts
 * import { createPixiiClient, isPixiiError } from 'pixii-rx'
 * try {
 *   createPixiiClient({ apiKey: 'pk_test_abc', baseUrl: 'http://api.example.com' })
 * } catch (error) {
 *   if (isPixiiError(error, 'Validation')) console.log(error.field)
 * }
 * // Output: baseUrl
 * ```
 */
export function createPixiiClient(options: PixiiClientOptions): PixiiClient {
  const settings = normalizeOptions(options)
  // Every submission of the client goes through one submitter: one limiter, one memory of jobs.
  return clientFromSettings(settings, createSubmitter(settings))
}

/**
 * The client of settings already checked, submitting through `submitter`. A catalogue run uses
 * it to give the client a submitter whose limiter its journal (or a shared store) seeded, and
 * to reach that submitter's hooks itself.
 */
export function clientFromSettings(settings: ClientSettings, submitter: Submitter): PixiiClient {
  // The ASIN of every job this client submitted, so that watchJobs$ can batch them by listing.
  const knownAsins = new Map<string, string>()
  const submitJob$ = (submission: Submission) =>
    submitter.submit$(submission).pipe(tap(({ accepted }) => knownAsins.set(accepted.job_id, submission.request.asin)))
  const accepted$ = (submission: Submission): Observable<JobAccepted> => submitJob$(submission).pipe(map(({ accepted }) => accepted))
  const submitListingBuilder$ = (request: ListingBuilderRequest) => accepted$({ kind: 'listingBuilder', request })
  const submitScale$ = (request: ScaleRequest) => accepted$({ kind: 'scale', request })
  const submitAPlus$ = (request: APlusRequest) => accepted$({ kind: 'aPlus', request })
  const submitMany$ = submitManyFor(submitJob$)
  const { watchJob$, loop$ } = watchJobFor(settings)
  const watchJobs$ = watchJobsFor(settings, loop$, knownAsins)
  const watchAsin$ = watchAsinFor(settings)
  const submit = (submission: Submission): Observable<JobAccepted> => {
    switch (submission.kind) {
      case 'listingBuilder':
        return submitListingBuilder$(submission.request)
      case 'scale':
        return submitScale$(submission.request)
      case 'aPlus':
        return submitAPlus$(submission.request)
    }
  }
  return {
    keyKind: settings.keyKind,
    getJob: (id, callOptions) => toTaskEither(getJob$(settings, id), callOptions),
    getJob$: (id) => getJob$(settings, id),
    listJobs: (query, callOptions) => toTaskEither(listJobPage$(settings, query), callOptions),
    listJobs$: (asin, listOptions) => listJobs$(settings, asin, listOptions),
    submitListingBuilder: (request, callOptions) => toTaskEither(submitListingBuilder$(request), callOptions),
    submitListingBuilder$,
    submitScale: (request, callOptions) => toTaskEither(submitScale$(request), callOptions),
    submitScale$,
    submitAPlus: (request, callOptions) => toTaskEither(submitAPlus$(request), callOptions),
    submitAPlus$,
    watchJob$,
    watchJobs$,
    watchAsin$,
    requestStats: () => settings.gate.state(),
    limiter: submitter.limiter,
    submitMany$,
    runMany$: runManyFor(settings, submitMany$, watchJob$),
    run$: (submission, watchOptions) =>
      submit(submission).pipe(
        concatMap((accepted) =>
          concat(
            of<RunEvent>({ kind: 'accepted', jobId: accepted.job_id, accepted }),
            watchJob$(accepted.job_id, watchOptions).pipe(map((job): RunEvent => ({ kind: 'job', jobId: accepted.job_id, job }))),
          ),
        ),
      ),
  }
}
