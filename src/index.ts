/**
 * pixii-rx: RxJS streams for the Pixii image API. This file only re-exports.
 *
 * @module pixii-rx
 */

// codecs
export { Ad, AdError, FailedAd, SucceededAd, isSucceededAd, type UndocumentedFields } from './codecs/Ad.js'
export { APlusRequest, APlusType } from './codecs/APlusRequest.js'
export { ApiErrorBody } from './codecs/ApiErrorBody.js'
export { arrayOf, type ArrayBounds } from './codecs/arrayOf.js'
export { IsoDateTime } from './codecs/IsoDateTime.js'
export { Job, JobRecord, type CompletedJob, type FailedJob, type PendingJob, type ProcessingJob } from './codecs/Job.js'
export { JobAccepted } from './codecs/JobAccepted.js'
export { JobOutput } from './codecs/JobOutput.js'
export { JobPage } from './codecs/JobPage.js'
export { JobStatus, isTerminalStatus, type TerminalJobStatus } from './codecs/JobStatus.js'
export { JobSummary } from './codecs/JobSummary.js'
export { ListingBuilderRequest, ListingType } from './codecs/ListingBuilderRequest.js'
export { Asin, CountryCode, HttpUrl, JobId, NonBlankString } from './codecs/primitives.js'
export { refinedString } from './codecs/refinedString.js'
export { requestCodec, type RequestRule } from './codecs/requestCodec.js'
export { Platform, ScaleItem, ScaleMode, ScaleRequest } from './codecs/ScaleRequest.js'

// errors
export { AbortedError } from './errors/AbortedError.js'
export { BufferOverflowError } from './errors/BufferOverflowError.js'
export { DecodeError, type DecodeIssue } from './errors/DecodeError.js'
export { describePixiiError } from './errors/describePixiiError.js'
export { FileSystemError } from './errors/FileSystemError.js'
export { ImageExpiredError, type ImageExpiry } from './errors/ImageExpiredError.js'
export { InsufficientCreditsError } from './errors/InsufficientCreditsError.js'
export { isPixiiError } from './errors/isPixiiError.js'
export { JobFailedError } from './errors/JobFailedError.js'
export { JobNotFoundError } from './errors/JobNotFoundError.js'
export { NetworkError, type NetworkFailure } from './errors/NetworkError.js'
export { NoActiveBrandError } from './errors/NoActiveBrandError.js'
export type { PixiiError, PixiiErrorTag } from './errors/PixiiError.js'
export { PixiiErrorBase, type PixiiErrorInit } from './errors/PixiiErrorBase.js'
export { RateLimitedError } from './errors/RateLimitedError.js'
export type { RequestContext } from './errors/RequestContext.js'
export { RetriesExhaustedError } from './errors/RetriesExhaustedError.js'
export { ServerError } from './errors/ServerError.js'
export { SubmissionOutcomeUnknownError } from './errors/SubmissionOutcomeUnknownError.js'
export { TimeoutError, type Deadline } from './errors/TimeoutError.js'
export { UnauthorizedError } from './errors/UnauthorizedError.js'
export { ValidationError, type ValidationIssue } from './errors/ValidationError.js'

// transport
export type { ApiRequest } from './http/ApiRequest.js'
export type { ApiResponse } from './http/ApiResponse.js'
export { defaultFetch } from './http/defaultFetch.js'
export { keyKindOf, type KeyKind } from './http/KeyKind.js'
export { parseRetryAfter } from './http/parseRetryAfter.js'
export { createRequestGate, type GateState, type RequestGate } from './http/RequestGate.js'
export { request$ } from './http/request.js'
export type { FetchLike, TransportConfig } from './http/TransportConfig.js'

// calls
export { getJob$ } from './api/getJob.js'
export { listJobPage$ } from './api/listJobPage.js'
export { listJobs$, type ListJobsOptions } from './api/listJobs.js'
export { defaultMaxPages } from './api/maxPages.js'
export { ListJobsQuery } from './api/ListJobsQuery.js'
export { submit$, type SubmissionPath, type Submitted } from './api/submit.js'
export { toTaskEither, type CallOptions } from './api/toTaskEither.js'

// client
export { createPixiiClient } from './client/createPixiiClient.js'
export { defaultPixiiClient, watchJob$ } from './client/defaultPixiiClient.js'
export type { ClientSettings } from './client/normalizeOptions.js'
export type { PixiiClient } from './client/PixiiClient.js'
export type { PixiiClientOptions } from './client/PixiiClientOptions.js'
export type { RunEvent, Submission } from './submit/Submission.js'
export type { WatchTarget } from './watchMany/watchJobs.js'
export type { OutcomeLookup } from './submit/OutcomeLookup.js'
export type { RunManyEvent } from './submit/RunManyEvent.js'
export type { RunManyOptions } from './submit/RunManyOptions.js'
export type { SubmissionFeed } from './submit/SubmissionFeed.js'
export type { SubmissionSettings } from './submit/checkSubmissionOptions.js'
export type { SubmitManyOptions } from './submit/SubmitManyOptions.js'
export type { SubmitManyResult } from './submit/SubmitManyResult.js'

// submission limits
export { createSubmissionLimiter } from './submit/limiter/createSubmissionLimiter.js'
export type { LimiterState, LimiterWindowState } from './submit/limiter/LimiterState.js'
export type { LimiterToken, SubmissionLimiter } from './submit/limiter/SubmissionLimiter.js'
export type { SubmissionLimits } from './submit/limiter/SubmissionLimits.js'

// watching
export { adaptiveSchedule, type AdaptiveSchedule, type AdaptiveScheduleConfig, type AdaptiveState } from './schedules/adaptiveSchedule.js'
export { quickFirstSchedule } from './schedules/quickFirstSchedule.js'
export { exponentialSchedule, type ExponentialScheduleConfig } from './schedules/exponentialSchedule.js'
export { fixedSchedule } from './schedules/fixedSchedule.js'
export type { PollDecision, PollEvent, PollOutcome } from './watch/PollEvent.js'
export type { PollContext, PollSchedule } from './schedules/PollSchedule.js'
export { defaultRetryPolicy, type FullRetryPolicy, type RetryPolicy } from './schedules/RetryPolicy.js'
export type { JobEvent } from './watchMany/JobEvent.js'
export type { ManyWatchOptions } from './watchMany/ManyWatchOptions.js'
export type { WatchOptions } from './watch/WatchOptions.js'

// operators
export { completedJob } from './operators/completedJob.js'
export { jobTimeout, type JobTimeoutConfig } from './operators/jobTimeout.js'
export { partitionAds } from './operators/partitionAds.js'
export { retryTransient, type RetryTransientConfig } from './operators/retryTransient.js'
export { splitAds, type SplitAds } from './operators/splitAds.js'
export { toEither } from './operators/toEither.js'
