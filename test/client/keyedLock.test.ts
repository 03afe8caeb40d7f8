import { createKeyedLock } from '../../src/rx/keyedLock.js'
import { testScheduler } from '../support/marbles.js'

describe('createKeyedLock (one submission at a time per ASIN and job type)', () => {
  it('runs works of one key one after the other, and works of other keys at once', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const lock = createKeyedLock()
      const first = cold('--a|')
      const second = cold('-b|')
      const other = cold('c|')
      expectObservable(lock('B0CHX1W1XY', () => first)).toBe('--a|')
      expectObservable(lock('B0CHX1W1XY', () => second)).toBe('----b|')
      expectObservable(lock('B0OTHER001', () => other)).toBe('c|')
      expectSubscriptions(second.subscriptions).toBe('---^-!')
      expectSubscriptions(other.subscriptions).toBe('^!')
    })
  })

  it('never starts a work unsubscribed while it waited, and frees the key when the running one is unsubscribed', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const lock = createKeyedLock()
      const running = cold('-----a|')
      const abandoned = cold('b|')
      const next = cold('c|')
      expectObservable(lock('k', () => running), '^--!').toBe('---')
      expectObservable(lock('k', () => abandoned), '^-!').toBe('--')
      expectObservable(lock('k', () => next)).toBe('---c|')
      expectSubscriptions(abandoned.subscriptions).toBe([])
      expectSubscriptions(next.subscriptions).toBe('---^!')
    })
  })
})
