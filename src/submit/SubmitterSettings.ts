import type { TransportConfig } from '../http/TransportConfig.js'
import type { FullRetryPolicy } from '../schedules/RetryPolicy.js'
import type { SubmissionSettings } from './checkSubmissionOptions.js'

/**
 * What a client gives its submitter: its transport, the submission limits and lost-answer
 * look-up, and how to back off between attempts. The submission layer asks for this much and no
 * more, so it never depends on how a client is assembled.
 */
export interface SubmitterSettings extends TransportConfig, SubmissionSettings {
  readonly retry: FullRetryPolicy
  readonly random: () => number
}
