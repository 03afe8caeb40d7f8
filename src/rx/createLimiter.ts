import { Observable, type SchedulerLike, type Subscriber } from 'rxjs'
import { WaitQueue } from './WaitQueue.js'

/** How busy a {@link Limiter} is. */
export interface Occupancy {
  /** Work running now. */
  readonly active: number
  /** Work waiting for its turn. */
  readonly queued: number
  /** The most work that ran at once since the limiter was made. */
  readonly peak: number
}

/**
 * A concurrency limit shared by many Observables: wrapping one delays its subscription until
 * fewer than `max` wrapped ones are running. Unsubscribing a waiting one removes it from the
 * line; one that ends (or is unsubscribed) lets the next in.
 */
export interface Limiter {
  <T>(work$: Observable<T>): Observable<T>
  /** Running, waiting and peak counts. */
  readonly state: () => Occupancy
}

/**
 * Makes a {@link Limiter} of `max` at once, its line a {@link WaitQueue}. A freed turn goes to the
 * next waiter at once, or, given `handoff`, on that scheduler: after the code that freed it has
 * finished, so that waiters unsubscribed in the same breath (many watches ended together) leave
 * the line before any of them is started.
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
export function createLimiter(max: number, handoff?: SchedulerLike): Limiter {
  let active = 0
  let peak = 0
  let handing = false
  const line = new WaitQueue()
  const free = (): boolean => active < max
  const admit = (): void => {
    handing = false
    line.admit(free)
  }
  // One function for every run, added to each subscriber: it runs once, when that run ends.
  const release = (): void => {
    active -= 1
    if (line.size === 0) return
    if (handoff === undefined) admit()
    else if (!handing) {
      handing = true
      handoff.schedule(admit)
    }
  }
  const start = <T>(subscriber: Subscriber<T>, work$: Observable<T>): void => {
    active += 1
    if (active > peak) peak = active
    subscriber.add(release)
    subscriber.add(work$.subscribe(subscriber))
  }
  const limit = <T>(work$: Observable<T>): Observable<T> =>
    new Observable<T>((subscriber) => {
      // Newcomers queue behind waiters, so that a turn freed a moment ago goes to the oldest.
      if (active < max && line.size === 0) start(subscriber, work$)
      else line.join(subscriber, () => start(subscriber, work$))
    })
  return Object.assign(limit, { state: (): Occupancy => ({ active, queued: line.size, peak }) })
}
