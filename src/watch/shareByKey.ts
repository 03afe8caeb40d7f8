import { defer, finalize, ReplaySubject, share, type Observable } from 'rxjs'

/**
 * One running source per key: subscribers of the same key share it, a late subscriber gets the
 * latest value at once, and the source stops when the last subscriber leaves (or when it ends),
 * after which the next subscriber starts it afresh.
 */
export function shareByKey<K, A>(): (key: K, start: () => Observable<A>) => Observable<A> {
  const running = new Map<K, Observable<A>>()
  return (key, start) =>
    defer(() => {
      const existing = running.get(key)
      if (existing !== undefined) return existing
      const shared: Observable<A> = start().pipe(
        finalize(() => {
          if (running.get(key) === shared) running.delete(key)
        }),
        share({
          connector: () => new ReplaySubject<A>(1),
          resetOnError: true,
          resetOnComplete: true,
          resetOnRefCountZero: true,
        }),
      )
      running.set(key, shared)
      return shared
    })
}
