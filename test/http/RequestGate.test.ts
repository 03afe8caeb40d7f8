import { expect } from 'chai'
import { createRequestGate } from '../../src/http/RequestGate.js'
import { testScheduler } from '../support/marbles.js'

describe('createRequestGate', () => {
  it('runs at most `limit` sources at once, the others in the order they came', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const gate = createRequestGate(2, scheduler)
      const requests = [cold('---a|'), cold('-b|'), cold('--c|'), cold('d|')]
      requests.forEach((request, index) => expectObservable(gate.run(request)).toBe(['---a|', '-b|', '----c|', '----d|'][index]!))
      expectSubscriptions(requests[0]!.subscriptions).toBe('^---!')
      expectSubscriptions(requests[1]!.subscriptions).toBe('^-!')
      expectSubscriptions(requests[2]!.subscriptions).toBe('--^--!')
      expectSubscriptions(requests[3]!.subscriptions).toBe('----^!')
    })
  })

  it('drops a waiting source from the queue when it is unsubscribed, without ever running it', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const gate = createRequestGate(1, scheduler)
      const running = cold('----a|')
      const abandoned = cold('b|')
      const next = cold('c|')
      expectObservable(gate.run(running)).toBe('----a|')
      expectObservable(gate.run(abandoned), '^--!').toBe('---')
      expectObservable(gate.run(next)).toBe('-----c|')
      expectSubscriptions(abandoned.subscriptions).toBe([])
      expectSubscriptions(next.subscriptions).toBe('-----^!')
    })
  })

  it('frees the slot of a source that is unsubscribed while running', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const gate = createRequestGate(1, scheduler)
      const slow = cold('-------a|')
      const next = cold('b|')
      expectObservable(gate.run(slow), '^-!').toBe('--')
      expectObservable(gate.run(next)).toBe('--b|')
      expectSubscriptions(slow.subscriptions).toBe('^-!')
      expectSubscriptions(next.subscriptions).toBe('--^!')
    })
    const gate = createRequestGate(3)
    expect(gate.state()).to.deep.equal({ active: 0, queued: 0, peak: 0 })
  })

  it('starts no waiter when the whole queue is unsubscribed at once, as when many watches end together', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectSubscriptions, flush }) => {
      const gate = createRequestGate(2, scheduler)
      const requests = Array.from({ length: 6 }, () => cold('-----a|'))
      const subscriptions = requests.map((request) => gate.run(request).subscribe())
      scheduler.schedule(() => {
        for (const subscription of subscriptions) subscription.unsubscribe()
      }, 2)
      flush()
      expectSubscriptions(requests[0]!.subscriptions).toBe('^-!')
      expectSubscriptions(requests[1]!.subscriptions).toBe('^-!')
      for (const waiter of requests.slice(2)) expectSubscriptions(waiter.subscriptions).toBe([])
      expect(gate.state()).to.deep.equal({ active: 0, queued: 0, peak: 2 })
    })
  })
})
