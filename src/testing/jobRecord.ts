import type { Outcome } from './outcome.js'
import type { PlannedAd } from './pricing.js'

/**
 * The job types the simulator produces (the API treats `job_type` as open-ended).
 *
 * @example
 * ```ts
 * import { createSimulator, type JobType } from 'pixii-rx/testing'
 * const sim = createSimulator()
 * const jobType: JobType = 'A+ Content'
 * sim.createJob({ key: sim.testKey, jobType, adCount: 2 })
 * ```
 */
export type JobType = 'Listing Builder' | 'Scale' | 'A+ Content'

/**
 * A job's status, in lifecycle order.
 *
 * @example
 * ```ts
 * import { createSimulator, type JobStatus } from 'pixii-rx/testing'
 * const sim = createSimulator()
 * const id = sim.createJob({ key: sim.testKey, queuedMs: 60_000 })
 * const seen: JobStatus[] = sim.truth(id).map((t) => t.status)
 * console.log(seen)
 * // Output: [ 'pending' ]
 * ```
 */
export type JobStatus = 'pending' | 'processing' | 'completed' | 'failed'

/**
 * One status a job reached, at model time `at` (milliseconds since the epoch on the
 * simulator's scheduler clock).
 *
 * @example
 * ```ts
 * import type { Transition } from 'pixii-rx/testing'
 * const t: Transition = { status: 'processing', at: 1_700_000_000_000 }
 * ```
 */
export interface Transition {
  readonly status: JobStatus
  readonly at: number
}

/** Job records and their image URLs live this long after completion (PIXII_API.md). */
export const RETENTION_MS = 7 * 24 * 60 * 60 * 1000

/**
 * Everything the model knows about a job. Its status is never stored: it follows from the
 * clock, so no timer runs per job.
 *
 * @example
 * ```ts
 * import { statusAt } from './jobRecord.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * const model = createModel(resolveOptions())
 * const org = model.addOrganisation({})
 * const key = { orgId: org.id, live: false }
 * const submission = { jobType: 'Scale', asin: 'B000000001', itemCount: 1 } as const
 * const job = model.insertJob({ key, submission, outcome: { kind: 'success' }, queuedMs: 100, processingMs: 200 }, 0)
 * console.log(statusAt(job, job.startedAt), job.creditCost)
 * // Output: processing 10
 * ```
 */
export interface JobRecord {
  readonly id: string
  readonly orgId: string
  readonly live: boolean
  readonly jobType: JobType
  readonly asin: string
  readonly createdAt: number
  readonly startedAt: number
  readonly completedAt: number
  readonly outcome: Outcome
  readonly ads: readonly PlannedAd[]
  readonly creditCost: number
  /** Credits given back when the job ends (failed ads' share, or everything for a failure). */
  readonly refund: number
  /** How many trailing ads failed (0 unless the outcome is partial). */
  readonly failedAds: number
}

/**
 * The status of `job` at model time `t`.
 *
 * @example
 * ```ts
 * import { statusAt } from './jobRecord.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * const model = createModel(resolveOptions())
 * const org = model.addOrganisation({})
 * const key = { orgId: org.id, live: false }
 * const submission = { jobType: 'Scale', asin: 'B000000001', itemCount: 1 } as const
 * const job = model.insertJob({ key, submission, outcome: { kind: 'success' }, queuedMs: 100, processingMs: 200 }, 0)
 * console.log([0, 99, 100, 299, 300].map((t) => statusAt(job, t)).join(' '))
 * // Output: pending pending processing processing completed
 * ```
 */
export function statusAt(job: JobRecord, t: number): JobStatus {
  if (t < job.startedAt) return 'pending'
  if (t < job.completedAt) return 'processing'
  return job.outcome.kind === 'failure' ? 'failed' : 'completed'
}

/**
 * The transitions of `job` that have happened by model time `t`, oldest first.
 *
 * @example
 * ```ts
 * import { transitionsUntil } from './jobRecord.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * const model = createModel(resolveOptions())
 * const org = model.addOrganisation({})
 * const key = { orgId: org.id, live: false }
 * const submission = { jobType: 'Scale', asin: 'B000000001', itemCount: 1 } as const
 * const job = model.insertJob({ key, submission, outcome: { kind: 'success' }, queuedMs: 100, processingMs: 200 }, 0)
 * console.log(JSON.stringify(transitionsUntil(job, 150)))
 * // Output: [{"status":"pending","at":0},{"status":"processing","at":100}]
 * ```
 */
export function transitionsUntil(job: JobRecord, t: number): readonly Transition[] {
  const all: Transition[] = [
    { status: 'pending', at: job.createdAt },
    { status: 'processing', at: job.startedAt },
    { status: statusAt(job, job.completedAt), at: job.completedAt },
  ]
  return all.filter((step) => step.at <= t)
}

/**
 * The status a job had before `status` (a `stale` answer); `pending` has none before it.
 *
 * @example
 * ```ts
 * import { previousStatus } from './jobRecord.js'
 * console.log(previousStatus('completed'), previousStatus('processing'), previousStatus('pending'))
 * // Output: processing pending pending
 * ```
 */
export function previousStatus(status: JobStatus): JobStatus {
  return status === 'completed' || status === 'failed' ? 'processing' : 'pending'
}

/**
 * Whether the job record has expired (7 days after completion) at model time `t`.
 *
 * @example
 * ```ts
 * import { isExpired, RETENTION_MS } from './jobRecord.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * const model = createModel(resolveOptions())
 * const org = model.addOrganisation({})
 * const key = { orgId: org.id, live: false }
 * const submission = { jobType: 'Scale', asin: 'B000000001', itemCount: 1 } as const
 * const job = model.insertJob({ key, submission, outcome: { kind: 'success' }, queuedMs: 100, processingMs: 200 }, 0)
 * console.log(isExpired(job, job.completedAt + RETENTION_MS - 1), isExpired(job, job.completedAt + RETENTION_MS))
 * // Output: false true
 * ```
 */
export function isExpired(job: JobRecord, t: number): boolean {
  return t >= job.completedAt + RETENTION_MS
}
