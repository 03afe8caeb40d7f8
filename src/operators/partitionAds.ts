import { concatMap, type Observable } from 'rxjs'
import type { FailedAd, SucceededAd } from '../codecs/Ad.js'
import type { Job } from '../codecs/Job.js'
import { splitAds } from './splitAds.js'

/**
 * Splits the images of the completed jobs of `job$` into two streams of single ads, the way
 * RxJS's `partition` splits values: `[succeeded$, failed$]`. Each subscribes to `job$` on its own,
 * as with `partition`: a client's `watchJob$` shares one polling loop between them; share any
 * other cold source first if it must run once. Errors of `job$` reach both.
 *
 * ```text
 * job$:        -p--r--(c|)         c has ads [a, x] (a succeeded, x failed)
 * succeeded$:  -------(a|)
 * failed$:     -------(x|)
 * ```
 *
 * @param job$ - A watch, or any stream of jobs; only completed jobs give ads.
 * @throws Never itself: the errors of `job$` reach both streams.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs'
 * import { partitionAds, type CompletedJob } from 'pixii-rx'
 * const job: CompletedJob = {
 *   id: 'job_1', job_type: 'Scale', status: 'completed', created_at: '2026-01-01T00:00:00.000Z',
 *   started_at: '2026-01-01T00:00:05.000Z', completed_at: '2026-01-01T00:02:00.000Z', credit_cost: 20,
 *   credits_refunded: 10, error_code: null,
 *   output: { ads: [
 *     { preview_url: 'https://img.example/1.png', error: null },
 *     { preview_url: null, error: { code: 'TIMEOUT', message: 'Took too long' } },
 *   ] },
 * }
 * const [succeeded$, failed$] = partitionAds(of(job))
 * succeeded$.subscribe((ad) => console.log('download', ad.preview_url))
 * failed$.subscribe((ad) => console.log('failed', ad.error.code))
 * // Output: download https://img.example/1.png
 * // Output: failed TIMEOUT
 * ```
 *
 * @see {@link splitAds} for one value per job with both lists
 * @see {@link https://rxjs.dev/api/index/function/partition | RxJS's partition}, the model of its shape
 */
export function partitionAds(job$: Observable<Job>): [Observable<SucceededAd>, Observable<FailedAd>] {
  const split$ = job$.pipe(splitAds())
  return [split$.pipe(concatMap((split) => split.succeeded)), split$.pipe(concatMap((split) => split.failed))]
}
