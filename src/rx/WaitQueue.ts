import type { Subscriber, Unsubscribable } from 'rxjs'

/**
 * One waiter's place in line. It is its own teardown: the subscriber holds it, so leaving the line
 * on unsubscription costs no closure.
 */
class Place implements Unsubscribable {
  prev: Place | undefined = undefined
  next: Place | undefined = undefined
  queued = true

  constructor(
    private readonly line: WaitQueue,
    readonly start: () => void,
  ) {}

  unsubscribe(): void {
    this.line.leave(this)
  }
}

/**
 * The line of work waiting its turn, behind every place that makes work wait: the client's cap on
 * requests, the downloads' concurrency, one submission at a time per ASIN, the submission limiter.
 * First come, first served, so none starves; `front` puts work that already waited its turn
 * ahead of the rest. A waiter whose subscriber is unsubscribed leaves the line and never starts.
 * When a turn comes is for the owner to say: it calls `admit` whenever one may have.
 */
export class WaitQueue {
  // A doubly linked list: constant time to join at either end, to leave from anywhere, and to
  // take the head, however long the line (ten thousand idle watches may wait on one client).
  private head: Place | undefined = undefined
  private tail: Place | undefined = undefined
  private count = 0

  /** @param onLeave - Called after a waiter leaves unstarted, for an owner whose plans depend on the line. */
  constructor(private readonly onLeave?: () => void) {}

  /** Waiters in line. */
  get size(): number {
    return this.count
  }

  /** Puts `start` in line until `admit` calls it, or `subscriber` is unsubscribed first. */
  join(subscriber: Subscriber<unknown>, start: () => void, front = false): void {
    const place = new Place(this, start)
    if (this.head === undefined || this.tail === undefined) {
      this.head = this.tail = place
    } else if (front) {
      place.next = this.head
      this.head.prev = place
      this.head = place
    } else {
      place.prev = this.tail
      this.tail.next = place
      this.tail = place
    }
    this.count += 1
    subscriber.add(place)
  }

  /**
   * Starts waiters from the head, one at a time, while `mayStart()` says a turn is free. The head
   * is read afresh each time, so a start that ends at once and admits again is safe.
   */
  admit(mayStart: () => boolean): void {
    while (this.head !== undefined && mayStart()) {
      const place = this.head
      this.unlink(place)
      place.start()
    }
  }

  /** @internal Called by a place whose subscriber was unsubscribed. */
  leave(place: Place): void {
    if (!place.queued) return
    this.unlink(place)
    this.onLeave?.()
  }

  private unlink(place: Place): void {
    place.queued = false
    if (place.prev === undefined) this.head = place.next
    else place.prev.next = place.next
    if (place.next === undefined) this.tail = place.prev
    else place.next.prev = place.prev
    place.prev = place.next = undefined
    this.count -= 1
  }
}
