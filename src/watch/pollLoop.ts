import { Observable } from 'rxjs'
import type { PollLoopConfig } from './LoopBody.js'
import { LoopRun } from './LoopRun.js'

/**
 * A polling loop: polls at once, then as the schedule says, letting its body decide what each
 * answer emits and when to stop. Transient failures are retried with backoff from the schedule's
 * interval (or exactly `Retry-After`) up to the retry budget, then `RetriesExhausted`; any other
 * error ends the loop at once. Unsubscribing aborts the poll in flight and clears the timer.
 */
export function pollLoop$<T, E>(config: PollLoopConfig<T, E>): Observable<E> {
  return new Observable<E>((subscriber) => new LoopRun(config, subscriber).start())
}
