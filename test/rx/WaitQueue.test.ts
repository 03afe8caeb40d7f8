import { expect } from 'chai'
import { Observable, type Subscription } from 'rxjs'
import { WaitQueue } from '../../src/rx/WaitQueue.js'

/** Subscribes a waiter that records its name when started; returns its subscription. */
function waiter(queue: WaitQueue, started: string[], name: string, front = false): Subscription {
  return new Observable<never>((subscriber) => queue.join(subscriber, () => started.push(name), front)).subscribe()
}

describe('WaitQueue (the one line every wait goes through)', () => {
  it('starts waiters first come, first served, while a turn is free, and puts `front` ones first', () => {
    const queue = new WaitQueue()
    const started: string[] = []
    for (const name of ['a', 'b', 'c']) waiter(queue, started, name)
    waiter(queue, started, 'retry', true)
    expect(queue.size).to.equal(4)
    let turns = 3
    queue.admit(() => turns-- > 0)
    expect(started).to.deep.equal(['retry', 'a', 'b'])
    expect(queue.size).to.equal(1)
    queue.admit(() => true)
    expect(started).to.deep.equal(['retry', 'a', 'b', 'c'])
  })

  it('removes a waiter unsubscribed before its turn, from anywhere in line: it never starts, and the owner hears of it', () => {
    let left = 0
    const queue = new WaitQueue(() => (left += 1))
    const started: string[] = []
    const [first, middle, last] = ['a', 'b', 'c'].map((name) => waiter(queue, started, name)) as [Subscription, Subscription, Subscription]
    middle.unsubscribe()
    last.unsubscribe()
    expect([queue.size, left]).to.deep.equal([1, 2])
    waiter(queue, started, 'd')
    queue.admit(() => true)
    expect(started).to.deep.equal(['a', 'd'])
    // Unsubscribing one that already started is not a leave.
    first.unsubscribe()
    expect([queue.size, left]).to.deep.equal([0, 2])
  })

  it('is safe when a start admits again at once (work that ends synchronously)', () => {
    const queue = new WaitQueue()
    const started: string[] = []
    let running = 0
    const free = (): boolean => running < 1
    for (const name of ['a', 'b', 'c']) {
      new Observable<never>((subscriber) =>
        queue.join(subscriber, () => {
          running += 1
          started.push(name)
          running -= 1
          queue.admit(free)
        }),
      ).subscribe()
    }
    queue.admit(free)
    expect(started).to.deep.equal(['a', 'b', 'c'])
    expect(queue.size).to.equal(0)
  })
})
