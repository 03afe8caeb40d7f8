import type { Observable } from 'rxjs'
import type { LimiterState } from './LimiterState.js'

/**
 * The token a submission holds while it is out. Settle it once, with what the answer proved:
 * `spent` (the server may have counted it), `returned` (it provably did not: connection refused,
 * 503), or `rateLimited` (a 429). A token never settled is counted as spent when its work ends.
 *
 * @example
 * ```ts
 * import { of, tap } from 'rxjs'
 * import { createSubmissionLimiter } from 'pixii-rx'
 * import { type LimiterToken } from 'pixii-rx/advanced'
 * const limiter = createSubmissionLimiter({ perMinute: 2 })
 * const send = (token: LimiterToken) => of('accepted').pipe(tap(() => token.spent()))
 * limiter.withToken$(send).subscribe((answer) => console.log(answer, limiter.state().minute.left))
 * // Output: accepted 1
 * ```
 */
export interface LimiterToken {
  /** The server answered and may have counted the submission; `headers` correct the counts. */
  spent(headers?: Pick<Headers, 'get'>): void
  /** The submission provably never reached processing: the token comes back at once. */
  returned(): void
  /** A 429: the token comes back and every submission waits `retryAfterMs` (1 s when absent). */
  rateLimited(retryAfterMs: number | undefined): void
}

/**
 * A client-side limiter for submissions: one token bucket per window (a minute, a day), shared by
 * every submission of a client. Waiting submissions queue in order and are woken by one timer on
 * the client's scheduler, with no polling. Unsubscribing from a waiting one removes it from the
 * queue. `state$` shows tokens left, the next refill and any pause, for a UI.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * const pixii = createPixiiClient({ apiKey: 'pk_test_abc', rateLimits: { perMinute: 3 } })
 * const { minute, day, queued, pausedUntil } = pixii.limiter.state()
 * console.log(minute.left, day.left, queued, pausedUntil)
 * // Output: 3 500 0 undefined
 * ```
 */
export interface SubmissionLimiter {
  /** The state now, then every change (tokens spent or back, pauses, the queue), until unsubscribed. */
  readonly state$: Observable<LimiterState>
  /** The state now. */
  state(): LimiterState
  /**
   * Waits in the queue for a token in every window (and for any pause to end), then subscribes to
   * `work(token)`. Unsubscribing while waiting leaves the queue; nothing is started. `front` puts
   * the work at the head of the queue, for a submission that already waited its turn.
   */
  withToken$<T>(work: (token: LimiterToken) => Observable<T>, options?: { readonly front?: boolean }): Observable<T>
}
