import type { Observable } from 'rxjs'

/**
 * A source that `mergePulled` reads from: an iterable or async iterable is pulled one value at a
 * time, only when there is room; an Observable pushes, and what it pushes early waits in order.
 */
export type PullSource<A> = Observable<A> | Iterable<A> | AsyncIterable<A>
