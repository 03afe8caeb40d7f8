import * as t from 'io-ts'

/**
 * Where a job is: queued (`pending`), running (`processing`), or finished (`completed`,
 * `failed`). Any other string is a decode error, never a new state.
 *
 * @example
 * ```ts
 * import { JobStatus } from 'pixii-rx'
 * console.log(JobStatus.is('processing'), JobStatus.is('done'))
 * // Output: true false
 * ```
 */
export const JobStatus = /* @__PURE__ */ t.keyof({ pending: null, processing: null, completed: null, failed: null })

/** See the {@link JobStatus} codec. */
export type JobStatus = t.TypeOf<typeof JobStatus>

/**
 * The two statuses after which a job never changes again.
 *
 * @example
 * ```ts
 * import type { TerminalJobStatus } from 'pixii-rx/advanced'
 * const outcome: Record<TerminalJobStatus, string> = { completed: 'done', failed: 'gave up' }
 * ```
 */
export type TerminalJobStatus = Extract<JobStatus, 'completed' | 'failed'>

/**
 * Whether a status is final.
 *
 * @param status - A job's status.
 * @throws Never.
 *
 * @example
 * ```ts
 * import { isTerminalStatus } from 'pixii-rx/advanced'
 * console.log(isTerminalStatus('failed'), isTerminalStatus('pending'))
 * // Output: true false
 * ```
 */
export function isTerminalStatus(status: JobStatus): status is TerminalJobStatus {
  return status === 'completed' || status === 'failed'
}
