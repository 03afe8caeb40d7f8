import { filter, type OperatorFunction } from 'rxjs'
import type { CompletedJob, Job } from '../codecs/Job.js'

/**
 * Keeps only the completed job of a watch, typed {@link CompletedJob} (so its `output` is not
 * null): with `lastValueFrom` or `forkJoin` it gives the finished job and nothing else. Errors
 * (a failed job's `JobFailed`) pass through.
 *
 * ```text
 * source:  -p--r--(c|)
 * result:  -------(c|)
 * ```
 *
 * @throws Never itself: the source's errors (a failed job's `JobFailed`) pass through unchanged.
 *
 * @example
 * ```ts
 * import { lastValueFrom, of } from 'rxjs'
 * import { completedJob, type Job } from 'pixii-rx'
 * const base = {
 *   id: 'job_1', job_type: 'Scale', created_at: '2026-01-01T00:00:00.000Z', started_at: null, completed_at: null,
 *   credit_cost: 10, credits_refunded: 0, output: null, error_code: null,
 * } as const
 * const watch$ = of<Job[]>(
 *   { ...base, status: 'pending' },
 *   { ...base, status: 'completed', completed_at: '2026-01-01T00:02:00.000Z', output: { ads: [] } },
 * )
 * const job = await lastValueFrom(watch$.pipe(completedJob()))
 * console.log(job.status, job.output.ads.length)
 * // Output: completed 0
 * ```
 *
 * @see {@link splitAds} to split the completed job's images by outcome
 */
export function completedJob(): OperatorFunction<Job, CompletedJob> {
  return filter((job): job is CompletedJob => job.status === 'completed')
}
