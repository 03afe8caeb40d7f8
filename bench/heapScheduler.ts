import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs'

interface Entry {
  readonly at: number
  readonly seq: number
  readonly run: () => void
  cancelled: boolean
}

/**
 * A virtual-time scheduler for thousands of concurrent watches: a binary heap of timers
 * (rxjs's VirtualTimeScheduler sorts its whole queue on every schedule, which is quadratic at
 * ten thousand watches). `now()` is the true time; `viewFrom` gives a client a clock that differs.
 */
export class HeapScheduler implements SchedulerLike {
  private time: number
  private seq = 0
  private readonly heap: Entry[] = []

  constructor(start: number) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    const subscription = new Subscription()
    const entry: Entry = { at: this.time + Math.max(0, delay), seq: (this.seq += 1), run: () => undefined, cancelled: false }
    const action = Object.assign(subscription, {
      schedule: (next?: T, nextDelay?: number) => this.schedule(work, nextDelay, next),
    }) as SchedulerAction<T>
    const scheduled: Entry = { ...entry, run: () => work.call(action, state) }
    subscription.add(() => {
      scheduled.cancelled = true
    })
    this.push(scheduled)
    return subscription
  }

  /** Runs every timer in time order, those scheduled meanwhile included. */
  flush(): void {
    for (let entry = this.pop(); entry !== undefined; entry = this.pop()) {
      this.time = Math.max(this.time, entry.at)
      if (!entry.cancelled) entry.run()
    }
  }

  /** A client's view: its clock reads `offset(trueTime)` less than the true time; its timers run on true time. */
  viewFrom(offset: (trueTime: number) => number): SchedulerLike {
    const schedule: SchedulerLike['schedule'] = (work, delay, state) => this.schedule(work as (this: SchedulerAction<unknown>, state?: unknown) => void, delay, state)
    return { now: () => this.time - offset(this.time), schedule }
  }

  private before(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq)
  }

  private push(entry: Entry): void {
    const heap = this.heap
    heap.push(entry)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.before(heap[i] as Entry, heap[parent] as Entry)) break
      ;[heap[i], heap[parent]] = [heap[parent] as Entry, heap[i] as Entry]
      i = parent
    }
  }

  private pop(): Entry | undefined {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()
    if (top === undefined || last === undefined || heap.length === 0) return top
    heap[0] = last
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = i
      if (left < heap.length && this.before(heap[left] as Entry, heap[smallest] as Entry)) smallest = left
      if (right < heap.length && this.before(heap[right] as Entry, heap[smallest] as Entry)) smallest = right
      if (smallest === i) return top
      ;[heap[i], heap[smallest]] = [heap[smallest] as Entry, heap[i] as Entry]
      i = smallest
    }
  }
}
