import { Observable } from 'rxjs'

/** How busy a {@link RequestGate} is. */
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
 * import { createRequestGate } from 'pixii-rx'
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

/** Makes a {@link RequestGate} allowing `limit` requests at once. */
export function createRequestGate(limit: number): RequestGate {
  let active = 0
  let peak = 0
  const waiting: Array<() => void> = []
  const release = (): void => {
    active -= 1
    waiting.shift()?.()
  }
  return {
    limit,
    state: () => ({ active, queued: waiting.length, peak }),
    run: <A>(source: Observable<A>) =>
      new Observable<A>((subscriber) => {
        let released = false
        const start = (): void => {
          active += 1
          peak = Math.max(peak, active)
          subscriber.add(() => {
            if (released) return
            released = true
            release()
          })
          subscriber.add(source.subscribe(subscriber))
        }
        if (active < limit) start()
        else {
          waiting.push(start)
          subscriber.add(() => {
            const index = waiting.indexOf(start)
            if (index >= 0) waiting.splice(index, 1)
          })
        }
      }),
  }
}
