import { defer, finalize, type Observable } from 'rxjs'
import { createLimiter, type Limiter } from './createLimiter.js'

/**
 * One at a time per key: `lock(key, work)` subscribes to `work()` once every earlier work of the
 * same key has ended, in order. Unsubscribing while waiting leaves the line; nothing is started.
 */
export type KeyedLock = <T>(key: string, work: () => Observable<T>) => Observable<T>

/** Creates an empty {@link KeyedLock}: a limiter of one per key, kept only while the key is busy. */
export function createKeyedLock(): KeyedLock {
  const lines = new Map<string, Limiter>()
  return <T>(key: string, work: () => Observable<T>) =>
    defer(() => {
      let line = lines.get(key)
      if (line === undefined) {
        line = createLimiter(1)
        lines.set(key, line)
      }
      const own = line
      // Runs after the limiter has handed the turn on, so a key with a next waiter stays.
      return own(defer(work)).pipe(
        finalize(() => {
          const { active, queued } = own.state()
          if (active === 0 && queued === 0 && lines.get(key) === own) lines.delete(key)
        }),
      )
    })
}
