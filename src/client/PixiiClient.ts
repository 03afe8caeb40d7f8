import type { taskEither } from 'fp-ts'
import type { Observable } from 'rxjs'
import type { APlusRequest } from '../codecs/APlusRequest.js'
import type { Job } from '../codecs/Job.js'
import type { JobAccepted } from '../codecs/JobAccepted.js'
import type { JobPage } from '../codecs/JobPage.js'
import type { JobSummary } from '../codecs/JobSummary.js'
import type { ListingBuilderRequest } from '../codecs/ListingBuilderRequest.js'
import type { ScaleRequest } from '../codecs/ScaleRequest.js'
import type { ListJobsOptions } from '../api/listJobs.js'
import type { ListJobsQuery } from '../api/ListJobsQuery.js'
import type { CallOptions } from '../api/toTaskEither.js'
import type { PixiiError } from '../errors/PixiiError.js'
import type { KeyKind } from '../http/KeyKind.js'
import type { GateState } from '../http/RequestGate.js'
import type { SubmissionLimiter } from '../submit/limiter/SubmissionLimiter.js'
import type { JobEvent } from '../watchMany/JobEvent.js'
import type { ManyWatchOptions } from '../watchMany/ManyWatchOptions.js'
import type { WatchOptions } from '../watch/WatchOptions.js'
import type { WatchTarget } from '../watchMany/watchJobs.js'
import type { RunEvent, Submission } from '../submit/Submission.js'
import type { RunManyEvent } from '../submit/RunManyEvent.js'
import type { RunManyOptions } from '../submit/RunManyOptions.js'
import type { SubmissionFeed } from '../submit/SubmissionFeed.js'
import type { SubmitManyOptions } from '../submit/SubmitManyOptions.js'
import type { SubmitManyResult } from '../submit/SubmitManyResult.js'

/**
 * A Pixii client: every endpoint as a cold Observable (`…$`, cancellable by unsubscribing) and as
 * an fp-ts `TaskEither` (never rejects; cancellable with an `AbortSignal`). Made by
 * `createPixiiClient`.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * const pixii = createPixiiClient({ apiKey: simulator.testKey, baseUrl: simulator.url })
 * const submitted = await pixii.submitListingBuilder({ asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' })()
 * if (submitted._tag === 'Right') {
 *   const job = await pixii.getJob(submitted.right.job_id)()
 *   console.log(job._tag, submitted.right.status)
 * }
 * await simulator.close()
 * // Output: Right pending
 * ```
 */
export interface PixiiClient {
  /** What the key says of the jobs: `test` jobs finish in under a second, `live` ones in minutes. */
  readonly keyKind: KeyKind
  /** `GET /v1/api/jobs/{id}`: one job, in full. */
  getJob(id: string, options?: CallOptions): taskEither.TaskEither<PixiiError, Job>
  /** {@link PixiiClient.getJob} as a cold Observable of one job. */
  getJob$(id: string): Observable<Job>
  /** `GET /v1/api/jobs?asin=…`: one page of summaries, newest first. */
  listJobs(query: ListJobsQuery, options?: CallOptions): taskEither.TaskEither<PixiiError, JobPage>
  /** Every job of an ASIN, page after page, fetched only as the subscriber consumes them. */
  listJobs$(asin: string, options?: ListJobsOptions): Observable<JobSummary>
  /** `POST /v1/api/listing_builder`, checked first: an invalid request sends nothing. */
  submitListingBuilder(request: ListingBuilderRequest, options?: CallOptions): taskEither.TaskEither<PixiiError, JobAccepted>
  /** {@link PixiiClient.submitListingBuilder} as a cold Observable. */
  submitListingBuilder$(request: ListingBuilderRequest): Observable<JobAccepted>
  /** `POST /v1/api/scale`, checked first: an invalid request sends nothing. */
  submitScale(request: ScaleRequest, options?: CallOptions): taskEither.TaskEither<PixiiError, JobAccepted>
  /** {@link PixiiClient.submitScale} as a cold Observable. */
  submitScale$(request: ScaleRequest): Observable<JobAccepted>
  /** `POST /v1/api/a_plus`, checked first: an invalid request sends nothing. */
  submitAPlus(request: APlusRequest, options?: CallOptions): taskEither.TaskEither<PixiiError, JobAccepted>
  /** {@link PixiiClient.submitAPlus} as a cold Observable. */
  submitAPlus$(request: APlusRequest): Observable<JobAccepted>
  /**
   * Watches a job: emits it on the first answer, then on each status change (never backwards),
   * completes after `completed`, errors with `JobFailed` after emitting a `failed` job. Transient
   * failures are retried; subscribers of the same id share one polling loop, a late one gets the
   * latest job at once, and the loop stops (aborting its request) when the last one leaves.
   * Each subscriber has its own overall deadline (`timeoutMs`, else the client's `watchTimeoutMs`,
   * 30 minutes), past which it errors with a `Timeout` (`deadline: 'total'`) carrying the last job.
   */
  watchJob$(id: string, options?: WatchOptions): Observable<Job>
  /** Submits, then watches: emits `accepted` first (with the job id), then the transitions; the watch has its deadline from acceptance. */
  run$(submission: Submission, options?: WatchOptions): Observable<RunEvent>
  /**
   * Watches many jobs as one stream of {@link JobEvent}s, completing when every job is finished.
   * A job's failure is an `error` event, not the end of the stream (unless `failFast`). Jobs that
   * share an ASIN (given, or learned from this client's submissions) are read through one
   * listing instead of one request each. Options that do not check out end the stream at once
   * with one `ValidationError`, before any request. Past the deadline (`timeoutMs`, else the
   * client's `watchTimeoutMs`), each job not finished is a `Timeout` `error` event, then it completes.
   */
  watchJobs$(targets: readonly WatchTarget[], options?: ManyWatchOptions): Observable<JobEvent>
  /**
   * Watches every job of an ASIN, including jobs submitted later: one list request per page per
   * tick, and one full record per job when it finishes. Runs until unsubscribed, or until every
   * job seen is finished with `completeWhenIdle`; only then does it have a deadline (`timeoutMs`,
   * else the client's `watchTimeoutMs`), past which each job not finished is a `Timeout` `error` event.
   */
  watchAsin$(asin: string, options?: ManyWatchOptions): Observable<JobEvent>
  /** Requests in flight and waiting under the client's `maxInFlight` cap, and the peak so far. */
  requestStats(): GateState
  /**
   * The submission limiter every submission of this client waits on (the `limiter` option, or one made from `rateLimits`): its
   * `state$` says how many tokens are left, when the next comes back, and any 429 pause.
   */
  readonly limiter: SubmissionLimiter
  /**
   * Submits many requests, paced by the client's limiter: one `accepted` result per job, in the
   * order accepted, or a typed `failed` result per request. An iterable or async iterable input
   * is read only as requests can go. No request is ever sent twice on the client's own
   * initiative: a lost answer is resolved by looking for the job, not by sending again.
   */
  submitMany$(requests: SubmissionFeed<Submission>, options?: SubmitManyOptions): Observable<SubmitManyResult>
  /** {@link PixiiClient.submitMany$}, then a watch of each accepted job: its transitions, or its failure. */
  runMany$(requests: SubmissionFeed<Submission>, options?: RunManyOptions): Observable<RunManyEvent>
}
