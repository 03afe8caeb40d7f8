import { asyncScheduler, type Observable, type SchedulerLike } from 'rxjs'
import { createLimiter } from '../rx/createLimiter.js'

/**
 * How busy the client's cap on requests in flight is (`maxInFlight`), as `requestStats()` reports it.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import { type GateState } from 'pixii-rx/advanced'
 * const pixii = createPixiiClient({ apiKey: 'pk_test_abc' })
 * const stats: GateState = pixii.requestStats()
 * console.log(stats)
 * // Output: { active: 0, queued: 0, peak: 0 }
 * ```
 */
export interface GateState {
  /** Requests running now. */
  readonly active: number
  /** Requests waiting for a slot. */
  readonly queued: number
  /** The most requests that ran at once since the gate was made. */
  readonly peak: number
}

/**
 * A client-wide cap on requests in flight: at most `limit` run at once, the others wait in the
 * order they were made (first come, first served, so none starves), and one that is unsubscribed
 * while waiting leaves the queue without ever being sent.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs'
 * import { createRequestGate } from './RequestGate.js'
 * const gate = createRequestGate(2)
 * gate.run(of('answer')).subscribe((value) => console.log(value, gate.state().active))
 * console.log(gate.state())
 * // Output: answer 1
 * // Output: { active: 0, queued: 0, peak: 1 }
 * ```
 */
export interface RequestGate {
  /** The cap. */
  readonly limit: number
  /** `source`, subscribed only once a slot is free; the slot is freed when it ends or is unsubscribed. */
  run<A>(source: Observable<A>): Observable<A>
  /** Running, waiting and peak counts. */
  state(): GateState
}

/**
 * Makes a {@link RequestGate} allowing `limit` requests at once. A freed slot goes to the next
 * waiter on `scheduler` (at once, but after the code that freed it has finished): when many
 * watches are unsubscribed together, their waiters leave the queue before any is started, so no
 * request is sent on behalf of a watch that is already gone.
 *
 * @param limit - The most requests running at once.
 * @param scheduler - Where a freed slot is handed to the next waiter. Default `asyncScheduler`.
 * @throws Never: `run(source)` passes the source's errors through unchanged.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs'
 * import { createRequestGate } from './RequestGate.js'
 * const gate = createRequestGate(2)
 * gate.run(of('answer')).subscribe((value) => console.log(value, gate.state().peak))
 * // Output: answer 1
 * ```
 */
export function createRequestGate(limit: number, scheduler: SchedulerLike = asyncScheduler): RequestGate {
  const run = createLimiter(limit, scheduler)
  return { limit, run, state: run.state }
}
