import type { Job } from '../codecs/Job.js'
import type { JobAccepted } from '../codecs/JobAccepted.js'
import type { PixiiError } from '../errors/PixiiError.js'
import type { Submission } from './Submission.js'

/**
 * What `runMany$` emits: per request, `accepted` (as from `submitMany$`), then one `job` per
 * status transition of its job, or `failed` with the typed error that ended that request's
 * submission (`jobId` undefined) or its watch (`jobId` set; a `JobFailed` comes after the
 * failed job's `job` event).
 *
 * @example
 * ```ts
 * import type { RunManyEvent } from 'pixii-rx'
 * const line = (event: RunManyEvent): string => {
 *   switch (event.kind) {
 *     case 'accepted': return `#${event.index} accepted as ${event.jobId}`
 *     case 'job': return `#${event.index} ${event.job.status}`
 *     case 'failed': return `#${event.index} ${event.error._tag}`
 *   }
 * }
 * ```
 */
export type RunManyEvent =
  | {
      readonly kind: 'accepted'
      readonly index: number
      readonly request: Submission
      readonly jobId: string
      readonly accepted: JobAccepted
      readonly adopted: boolean
    }
  | { readonly kind: 'job'; readonly index: number; readonly request: Submission; readonly jobId: string; readonly job: Job }
  | {
      readonly kind: 'failed'
      readonly index: number
      readonly request: Submission
      readonly jobId: string | undefined
      readonly error: PixiiError
    }
