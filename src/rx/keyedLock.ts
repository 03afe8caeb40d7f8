import { Observable } from 'rxjs'

/**
 * One at a time per key: `lock(key, work)` subscribes to `work()` once every earlier work of the
 * same key has ended, in order. Unsubscribing while waiting leaves the line; nothing is started.
 */
export type KeyedLock = <T>(key: string, work: () => Observable<T>) => Observable<T>

/** Creates an empty {@link KeyedLock}. */
export function createKeyedLock(): KeyedLock {
  // A key is present while one work of it runs; its array holds the ones waiting.
  const lines = new Map<string, Array<() => void>>()
  return <T>(key: string, work: () => Observable<T>) =>
    new Observable<T>((subscriber) => {
      let running = false
      const start = (): void => {
        running = true
        subscriber.add(work().subscribe(subscriber))
      }
      const line = lines.get(key)
      if (line === undefined) {
        lines.set(key, [])
        start()
      } else {
        line.push(start)
      }
      return () => {
        const waiting = lines.get(key) ?? []
        if (!running) {
          const index = waiting.indexOf(start)
          if (index >= 0) waiting.splice(index, 1)
          return
        }
        const next = waiting.shift()
        if (next === undefined) lines.delete(key)
        else next()
      }
    })
}
