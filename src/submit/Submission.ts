import type { APlusRequest } from '../codecs/APlusRequest.js'
import type { Job } from '../codecs/Job.js'
import type { JobAccepted } from '../codecs/JobAccepted.js'
import type { ListingBuilderRequest } from '../codecs/ListingBuilderRequest.js'
import type { ScaleRequest } from '../codecs/ScaleRequest.js'

/**
 * A job to submit: which endpoint, and its request.
 *
 * @example
 * ```ts
 * import type { Submission } from 'pixii-rx'
 * const submission: Submission = {
 *   kind: 'aPlus',
 *   request: { asin: 'B0CHX1W1XY', country_code: 'US', types: ['A+ Premium'] },
 * }
 * ```
 */
export type Submission =
  | { readonly kind: 'listingBuilder'; readonly request: ListingBuilderRequest }
  | { readonly kind: 'scale'; readonly request: ScaleRequest }
  | { readonly kind: 'aPlus'; readonly request: APlusRequest }

/**
 * What `run$` emits: first `accepted` (persist `jobId` now: the job is paid for), then one `job`
 * event per status transition, ending with the completed job.
 *
 * @example
 * ```ts
 * import type { RunEvent } from 'pixii-rx'
 * const describe = (event: RunEvent): string =>
 *   event.kind === 'accepted' ? `submitted ${event.jobId}` : `${event.jobId} is ${event.job.status}`
 * ```
 */
export type RunEvent =
  | { readonly kind: 'accepted'; readonly jobId: string; readonly accepted: JobAccepted }
  | { readonly kind: 'job'; readonly jobId: string; readonly job: Job }
