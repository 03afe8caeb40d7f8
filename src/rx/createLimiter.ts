import { Observable, type Subscription } from 'rxjs'

/**
 * A concurrency limit shared by many Observables: wrapping one in the limiter delays its
 * subscription until fewer than `max` wrapped Observables are active. Unsubscribing a waiting one
 * removes it from the queue; one that ends (or is unsubscribed) lets the next in.
 *
 * @example
 * ```ts
 * import { merge, timer, map, VirtualTimeScheduler } from 'rxjs'
 * import { createLimiter } from './createLimiter.js'
 * const scheduler = new VirtualTimeScheduler()
 * const limit = createLimiter(2)
 * const job = (name: string) => limit(timer(10, scheduler).pipe(map(() => `${name}@${scheduler.now()}`)))
 * merge(job('a'), job('b'), job('c')).subscribe((done) => console.log(done))
 * scheduler.flush()
 * // Output: a@10
 * // Output: b@10
 * // Output: c@20
 * ```
 */
export function createLimiter(max: number): <T>(work$: Observable<T>) => Observable<T> {
  let active = 0
  const waiting: Array<() => void> = []
  const release = (): void => {
    active -= 1
    waiting.shift()?.()
  }
  return <T>(work$: Observable<T>) =>
    new Observable<T>((subscriber) => {
      let inner: Subscription | undefined
      let released = false
      const start = (): void => {
        active += 1
        inner = work$.subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => finish(() => subscriber.error(error)),
          complete: () => finish(() => subscriber.complete()),
        })
      }
      const finish = (then: () => void): void => {
        if (!released) {
          released = true
          release()
        }
        then()
      }
      if (active < max) start()
      else waiting.push(start)
      return () => {
        const queued = waiting.indexOf(start)
        if (queued >= 0) waiting.splice(queued, 1)
        inner?.unsubscribe()
        if (inner !== undefined) finish(() => undefined)
      }
    })
}
