/**
 * When a watched job will likely finish, from the durations the schedule has learned for its
 * key kind and `job_type`: a time and an interval, in scheduler time (comparable with
 * `scheduler.now()` and a `PollEvent`'s `answeredAt`, already corrected for the difference
 * between the client's clock and Pixii's). Without evidence there is no estimate, and it says why:
 * `no-evidence` (fewer than five jobs of this kind learned), `overdue` (the job has run longer
 * than any learned job, so nothing learned says when it ends), `finished`.
 *
 * @example
 * ```ts
 * import type { JobEstimate } from 'pixii-rx/advanced'
 * const show = (estimate: JobEstimate, now: number): string =>
 *   estimate.kind === 'estimate'
 *     ? `about ${Math.round((estimate.at - now) / 1000)} s (${Math.round((estimate.low - now) / 1000)}–${Math.round((estimate.high - now) / 1000)} s)`
 *     : `no estimate (${estimate.reason})`
 * console.log(show({ kind: 'estimate', at: 70_000, low: 40_000, high: 100_000, coverage: 0.8, samples: 120 }, 10_000))
 * // Output: about 60 s (30–90 s)
 * console.log(show({ kind: 'none', reason: 'no-evidence' }, 0))
 * // Output: no estimate (no-evidence)
 * ```
 */
export type JobEstimate =
  | {
      readonly kind: 'estimate'
      /** The median end. */
      readonly at: number
      /** The 10 % quantile of the end: one job in ten finishes earlier. */
      readonly low: number
      /** The 90 % quantile of the end: one job in ten finishes later. */
      readonly high: number
      /** The share of jobs meant to finish between `low` and `high` (0.8). */
      readonly coverage: number
      /** How many finished jobs the estimate rests on. */
      readonly samples: number
    }
  | { readonly kind: 'none'; readonly reason: 'no-evidence' | 'overdue' | 'finished' }
