import type * as t from 'io-ts'
import { concat, concatMap, map, of, tap, type Observable } from 'rxjs'
import { APlusRequest } from '../codecs/APlusRequest.js'
import type { JobAccepted } from '../codecs/JobAccepted.js'
import { ListingBuilderRequest } from '../codecs/ListingBuilderRequest.js'
import { ScaleRequest } from '../codecs/ScaleRequest.js'
import { getJob$ } from '../api/getJob.js'
import { listJobPage$ } from '../api/listJobPage.js'
import { listJobs$ } from '../api/listJobs.js'
import { submit$, type SubmissionPath } from '../api/submit.js'
import { toTaskEither } from '../api/toTaskEither.js'
import { normalizeOptions } from './normalizeOptions.js'
import type { PixiiClient } from './PixiiClient.js'
import type { PixiiClientOptions } from './PixiiClientOptions.js'
import type { RunEvent, Submission } from './Submission.js'
import { watchAsinWith } from './watchAsinWith.js'
import { watchJobsWith } from './watchJobsWith.js'
import { watchWith } from './watchWith.js'

/**
 * Creates a {@link PixiiClient}. Options are checked at once: a bad one throws a
 * `ValidationError` naming it (the key itself never appears in a message).
 *
 * @example
 * ```ts
 * import { createPixiiClient, isPixiiError } from 'pixii-rx'
 * try {
 *   createPixiiClient({ apiKey: 'pk_test_abc', baseUrl: 'http://api.example.com' })
 * } catch (error) {
 *   if (isPixiiError(error, 'ValidationError')) console.log(error.field)
 * }
 * // Output: baseUrl
 * ```
 */
export function createPixiiClient(options: PixiiClientOptions): PixiiClient {
  const settings = normalizeOptions(options)
  // The ASIN of every job this client submitted, so that watchJobs$ can batch them by listing.
  const knownAsins = new Map<string, string>()
  const submitter =
    <A extends { readonly asin: string }>(path: SubmissionPath, codec: t.Decoder<unknown, A>) =>
    (request: A): Observable<JobAccepted> =>
      submit$(settings, path, codec, request).pipe(
        map(({ accepted }) => accepted),
        tap((accepted) => knownAsins.set(accepted.job_id, request.asin)),
      )
  const submitListingBuilder$ = submitter('/v1/api/listing_builder', ListingBuilderRequest)
  const submitScale$ = submitter('/v1/api/scale', ScaleRequest)
  const submitAPlus$ = submitter('/v1/api/a_plus', APlusRequest)
  const watchJob$ = watchWith(settings)
  const watchJobs$ = watchJobsWith(settings, watchJob$, knownAsins)
  const watchAsin$ = watchAsinWith(settings)
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
    run$: (submission, watchOptions) =>
      submit(submission).pipe(
        concatMap((accepted) =>
          concat(
            of<RunEvent>({ type: 'accepted', jobId: accepted.job_id, accepted }),
            watchJob$(accepted.job_id, watchOptions).pipe(map((job): RunEvent => ({ type: 'job', jobId: accepted.job_id, job }))),
          ),
        ),
      ),
  }
}
