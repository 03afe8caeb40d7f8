/**
 * `pixii-rx/advanced`: what the root entry's signatures refer to but an application rarely
 * names: the io-ts codecs of every answer and request, the shapes inside the errors, the
 * configuration and state types of schedules, operators and the submission limiter, and the
 * transport's seams (`fetch`, key kinds, `Retry-After`). This file only re-exports.
 *
 * @module pixii-rx/advanced
 */

// codecs of answers and requests (each a value and a type of one name)
export { Ad, AdError, FailedAd, SucceededAd, isSucceededAd, type UndocumentedFields } from '../codecs/Ad.js'
export { APlusRequest, APlusType } from '../codecs/APlusRequest.js'
export { ApiErrorBody } from '../codecs/ApiErrorBody.js'
export { IsoDateTime } from '../codecs/IsoDateTime.js'
export { JobRecord, type PendingJob, type ProcessingJob } from '../codecs/Job.js'
export { JobAccepted } from '../codecs/JobAccepted.js'
export { JobOutput } from '../codecs/JobOutput.js'
export { JobPage } from '../codecs/JobPage.js'
export { isTerminalStatus, type TerminalJobStatus } from '../codecs/JobStatus.js'
export { ListingBuilderRequest, ListingType } from '../codecs/ListingBuilderRequest.js'
export { Asin, CountryCode, HttpUrl, JobId, NonBlankString } from '../codecs/primitives.js'
export { Platform, ScaleItem, ScaleMode, ScaleRequest } from '../codecs/ScaleRequest.js'
export { ListJobsQuery } from '../api/ListJobsQuery.js'
export { defaultMaxPages } from '../api/maxPages.js'
export type { CallOptions } from '../api/toTaskEither.js'

// what errors carry
export type { DecodeIssue } from '../errors/DecodeError.js'
export type { ImageExpiry } from '../errors/ImageExpiredError.js'
export type { NetworkFailure } from '../errors/NetworkError.js'
export { PixiiErrorBase, type PixiiErrorInit } from '../errors/PixiiErrorBase.js'
export type { RequestContext } from '../errors/RequestContext.js'
export type { Deadline } from '../errors/TimeoutError.js'
export type { ValidationIssue } from '../errors/ValidationError.js'

// transport seams
export { defaultFetch } from '../http/defaultFetch.js'
export { keyKindOf, type KeyKind } from '../http/KeyKind.js'
export { parseRetryAfter } from '../http/parseRetryAfter.js'
export type { GateState } from '../http/RequestGate.js'
export type { FetchLike } from '../http/TransportConfig.js'

// schedules, operators and limits: their configuration and state
export type { AdaptiveSchedule, AdaptiveScheduleConfig, AdaptiveState } from '../schedules/adaptiveSchedule.js'
export type { JobEstimate } from '../schedules/JobEstimate.js'
export type { AnswerTiming } from '../schedules/PollSchedule.js'
export type { ExponentialScheduleConfig } from '../schedules/exponentialSchedule.js'
export { defaultRetryPolicy, type FullRetryPolicy } from '../schedules/RetryPolicy.js'
export type { PollDecision, PollOutcome } from '../watch/PollEvent.js'

// pages: what pauses a watch in a browser, and what a UI can show of it
export { browserPage } from '../browser/browserPage.js'
export type { ConnectionState } from '../watch/ConnectionState.js'
export type { PageSignals } from '../watch/PageSignals.js'

// server push: what a client's serverPush option takes, and the proxy's stream reader
export type { JobPush, PushedWatch } from '../watch/JobPush.js'
export { serverSentEvents } from '../watch/serverSentEvents.js'
export type { JobTimeoutConfig } from '../operators/jobTimeout.js'
export { watchWithEstimate$, type EstimatedJob } from '../watch/watchWithEstimate.js'
export type { RetryTransientConfig } from '../operators/retryTransient.js'
export type { OutcomeLookup } from '../submit/OutcomeLookup.js'
export type { SubmissionFeed } from '../submit/SubmissionFeed.js'
export type { LimiterState, LimiterWindowState } from '../submit/limiter/LimiterState.js'
export type { LimiterToken } from '../submit/limiter/SubmissionLimiter.js'
