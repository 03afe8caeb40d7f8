import type { Observable } from 'rxjs'

/**
 * What `toReadable` tells a source about its reader, so that a source that is pulled lazily (the
 * pages of `listJobs$`, submissions made one at a time) does the next piece of work only when the
 * reader has room for its result. A source that ignores it is still buffered, up to the stream's
 * hard cap.
 *
 * @example
 * ```ts
 * import { concatMap, from, of } from 'rxjs'
 * import { toReadable, type Demand } from 'pixii-rx/node'
 * const work = (demand: Demand) => from([1, 2, 3]).pipe(concatMap((n) => demand.ready(of(n * 10))))
 * const values: number[] = []
 * for await (const value of toReadable(work)) values.push(value as number)
 * console.log(values.join(' '))
 * // Output: 10 20 30
 * ```
 */
export interface Demand {
  /**
   * `next$` itself, subscribed only once the reader wants more (the stream's buffer is below its
   * high-water mark): wrap each unit of work in it. Has the shape of `listJobs$`'s `pace` option.
   */
  readonly ready: <T>(next$: Observable<T>) => Observable<T>
  /** `true` while the reader wants more, `false` while the buffer is full; replays the current state. */
  readonly wanted$: Observable<boolean>
}
