import { Observable, type Observer, type Subscriber, type Unsubscribable } from 'rxjs'

/**
 * One key's running source and its subscribers. Written out rather than built from `share` and a
 * `ReplaySubject`: a client may hold ten thousand idle watches, and these few fields cost a
 * fraction of that operator chain's closures and subscribers per watch.
 */
class SharedRun<K, A> implements Observer<A> {
  // An array literal is sized to fit; an empty array pushed to reserves room for 17.
  private readonly subscribers: Subscriber<A>[]
  private latest: { readonly value: A } | undefined = undefined
  private source: Unsubscribable | undefined = undefined
  private ended = false

  constructor(
    private readonly running: Map<K, SharedRun<K, A>>,
    private readonly key: K,
    first: Subscriber<A>,
  ) {
    this.subscribers = [first]
    this.watchLeaving(first)
  }

  /** Starts the source, once the run is in `running`. */
  connect(start: () => Observable<A>): void {
    const source = start().subscribe(this)
    // The source may have ended, or lost its last subscriber, while it was being subscribed.
    if (this.ended) source.unsubscribe()
    else this.source = source
  }

  /** Adds a later subscriber: it gets the latest value at once. */
  join(subscriber: Subscriber<A>): void {
    this.subscribers.push(subscriber)
    this.watchLeaving(subscriber)
    if (this.latest !== undefined) subscriber.next(this.latest.value)
  }

  next(value: A): void {
    this.latest = { value }
    for (const subscriber of [...this.subscribers]) subscriber.next(value)
  }

  error(error: unknown): void {
    for (const subscriber of this.end()) subscriber.error(error)
  }

  complete(): void {
    for (const subscriber of this.end()) subscriber.complete()
  }

  private watchLeaving(subscriber: Subscriber<A>): void {
    subscriber.add(() => {
      const index = this.subscribers.indexOf(subscriber)
      if (index === -1) return
      this.subscribers.splice(index, 1)
      if (this.subscribers.length === 0) this.end()
    })
  }

  /** Forgets the key and stops the source; the next subscriber of the key starts afresh. */
  private end(): Subscriber<A>[] {
    if (this.running.get(this.key) === this) this.running.delete(this.key)
    this.ended = true
    this.source?.unsubscribe()
    return this.subscribers.splice(0)
  }
}

/**
 * One running source per key: subscribers of the same key share it, a late subscriber gets the
 * latest value at once, and the source stops when the last subscriber leaves (or when it ends),
 * after which the next subscriber starts it afresh.
 */
export function shareByKey<K, A>(): (key: K, start: () => Observable<A>) => Observable<A> {
  const running = new Map<K, SharedRun<K, A>>()
  return (key, start) =>
    new Observable<A>((subscriber) => {
      const run = running.get(key)
      if (run !== undefined) return run.join(subscriber)
      const created = new SharedRun(running, key, subscriber)
      running.set(key, created)
      created.connect(start)
    })
}
