import type { Observable } from 'rxjs'

/**
 * Where `submitMany$` and `runMany$` take their requests from. An iterable or async iterable is
 * read one request at a time, only when the previous ones have gone out: an endless generator or
 * a large file read line by line waits on the limiter, and nothing piles up in memory. An
 * Observable pushes: the requests it emits faster than the limits allow wait in memory, in order.
 *
 * @example
 * ```ts
 * import type { Submission } from 'pixii-rx'
 * import type { SubmissionFeed } from 'pixii-rx/advanced'
 * function* catalogue(): Generator<Submission> {
 *   for (let n = 1; ; n += 1) {
 *     yield { kind: 'aPlus', request: { asin: `B0${String(n).padStart(8, '0')}`, country_code: 'US', types: ['A+ Basic'] } }
 *   }
 * }
 * const endless: SubmissionFeed<Submission> = catalogue()
 * ```
 */
export type SubmissionFeed<A> = Observable<A> | Iterable<A> | AsyncIterable<A>
