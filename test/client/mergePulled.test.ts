import { expect } from 'chai'
import { Observable, of, Subject, throwError, type Subscriber } from 'rxjs'
import { mergePulled } from '../../src/rx/mergePulled.js'
import { testScheduler } from '../support/marbles.js'

describe('mergePulled (mergeMap that pulls its input)', () => {
  it('takes values of an Observable in order, at most `concurrency` projections at once', () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      const input = hot('ab-c|')
      const project = (value: string) => cold('--x|', { x: value.toUpperCase() })
      expectObservable(mergePulled(input, 2, project)).toBe('--AB-C|')
    })
  })

  it('reads a synchronous iterable only when a projection finishes, and closes it when unsubscribed', () => {
    const pulled: number[] = []
    let closed = false
    function* numbers(): Generator<number> {
      try {
        for (let n = 0; ; n += 1) {
          pulled.push(n)
          yield n
        }
      } finally {
        closed = true
      }
    }
    const gates: Array<Subscriber<number>> = []
    const subscription = mergePulled(numbers(), 2, () =>
      new Observable<number>((subscriber) => {
        gates.push(subscriber)
      }),
    ).subscribe()
    expect(pulled).to.deep.equal([0, 1])
    gates[0]?.complete()
    expect(pulled).to.deep.equal([0, 1, 2])
    subscription.unsubscribe()
    expect(closed).to.equal(true)
  })

  it('lets the projections running when the input fails finish first: their results may be paid-for jobs', () => {
    const input = new Subject<number>()
    const finish = new Subject<void>()
    const seen: Array<number | string> = []
    mergePulled(input, 3, (n) =>
      new Observable<number>((subscriber) =>
        finish.subscribe(() => {
          subscriber.next(n)
          subscriber.complete()
        }),
      ),
    ).subscribe({ next: (n) => seen.push(n), error: (error: Error) => seen.push(error.message) })
    input.next(1)
    input.next(2)
    input.error(new Error('the catalogue file is unreadable'))
    expect(seen).to.deep.equal([])
    finish.next()
    expect(seen).to.deep.equal([1, 2, 'the catalogue file is unreadable'])
    const emitted: number[] = []
    mergePulled([1, 2, 3], 1, (n) => (n === 2 ? throwError(() => new Error('a bug')) : of(n))).subscribe({
      next: (n) => emitted.push(n),
      error: () => emitted.push(-1),
    })
    expect(emitted).to.deep.equal([1, -1])
  })
})
