/**
 * pixii-rx: RxJS streams for the Pixii image API. This file only re-exports what an application
 * calls and the types it annotates with; the supporting codecs, option and state types live in
 * `pixii-rx/advanced`.
 *
 * @module pixii-rx
 */

// the client, and watching
export { createPixiiClient } from './client/createPixiiClient.js'
export { defaultPixiiClient, watchJob$ } from './client/defaultPixiiClient.js'
export type { PixiiClient } from './client/PixiiClient.js'
export type { PixiiClientOptions } from './client/PixiiClientOptions.js'
export type { ListJobsOptions } from './api/listJobs.js'
export type { WatchOptions } from './watch/WatchOptions.js'
export type { PollEvent } from './watch/PollEvent.js'
export type { ManyWatchOptions } from './watchMany/ManyWatchOptions.js'
export type { JobEvent } from './watchMany/JobEvent.js'
export type { WatchTarget } from './watchMany/watchJobs.js'

// the job and its data
export { Job, type CompletedJob, type FailedJob } from './codecs/Job.js'
export { JobStatus } from './codecs/JobStatus.js'
export { JobSummary } from './codecs/JobSummary.js'

// submissions
export type { RunEvent, Submission } from './submit/Submission.js'
export type { SubmitManyOptions } from './submit/SubmitManyOptions.js'
export type { SubmitManyResult } from './submit/SubmitManyResult.js'
export type { RunManyOptions } from './submit/RunManyOptions.js'
export type { RunManyEvent } from './submit/RunManyEvent.js'
export { createSubmissionLimiter } from './submit/limiter/createSubmissionLimiter.js'
export type { SubmissionLimiter } from './submit/limiter/SubmissionLimiter.js'
export type { SubmissionLimits } from './submit/limiter/SubmissionLimits.js'

// schedules
export { adaptiveSchedule } from './schedules/adaptiveSchedule.js'
export { exponentialSchedule } from './schedules/exponentialSchedule.js'
export { fixedSchedule } from './schedules/fixedSchedule.js'
export { quickFirstSchedule } from './schedules/quickFirstSchedule.js'
export type { PollContext, PollSchedule } from './schedules/PollSchedule.js'
export type { RetryPolicy } from './schedules/RetryPolicy.js'

// operators
export { completedJob } from './operators/completedJob.js'
export { jobTimeout } from './operators/jobTimeout.js'
export { partitionAds } from './operators/partitionAds.js'
export { retryTransient } from './operators/retryTransient.js'
export { splitAds, type SplitAds } from './operators/splitAds.js'
export { toEither } from './operators/toEither.js'

// errors
export type { PixiiError, PixiiErrorTag } from './errors/PixiiError.js'
export { isPixiiError } from './errors/isPixiiError.js'
export { describePixiiError } from './errors/describePixiiError.js'
export { AbortedError } from './errors/AbortedError.js'
export { BufferOverflowError } from './errors/BufferOverflowError.js'
export { DecodeError } from './errors/DecodeError.js'
export { FileSystemError } from './errors/FileSystemError.js'
export { ImageExpiredError } from './errors/ImageExpiredError.js'
export { InsufficientCreditsError } from './errors/InsufficientCreditsError.js'
export { JobFailedError } from './errors/JobFailedError.js'
export { JobNotFoundError } from './errors/JobNotFoundError.js'
export { NetworkError } from './errors/NetworkError.js'
export { NoActiveBrandError } from './errors/NoActiveBrandError.js'
export { RateLimitedError } from './errors/RateLimitedError.js'
export { RetriesExhaustedError } from './errors/RetriesExhaustedError.js'
export { ServerError } from './errors/ServerError.js'
export { SubmissionOutcomeUnknownError } from './errors/SubmissionOutcomeUnknownError.js'
export { TimeoutError } from './errors/TimeoutError.js'
export { UnauthorizedError } from './errors/UnauthorizedError.js'
export { ValidationError } from './errors/ValidationError.js'
