import { expect } from 'chai'
import { createLimiter } from '../../src/rx/createLimiter.js'
import { testScheduler } from '../support/marbles.js'

describe('createLimiter', () => {
  it('runs at most `max` at once, hands a freed turn to the oldest waiter at once, and counts the peak', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const limit = createLimiter(2)
      const works = [cold('---a|'), cold('-b|'), cold('--c|'), cold('d|')]
      works.forEach((work, index) => expectObservable(limit(work)).toBe(['---a|', '-b|', '----c|', '----d|'][index]!))
      expectSubscriptions(works[2]!.subscriptions).toBe('--^--!')
      expectSubscriptions(works[3]!.subscriptions).toBe('----^!')
      flush()
      expect(limit.state()).to.deep.equal({ active: 0, queued: 0, peak: 2 })
    })
  })

  it('never subscribes to work unsubscribed while it waited, and frees the turn of work unsubscribed while running', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const limit = createLimiter(1)
      const running = cold('-----a|')
      const abandoned = cold('b|')
      const next = cold('c|')
      expectObservable(limit(running), '^--!').toBe('---')
      expectObservable(limit(abandoned), '^-!').toBe('--')
      expectObservable(limit(next)).toBe('---c|')
      expectSubscriptions(running.subscriptions).toBe('^--!')
      expectSubscriptions(abandoned.subscriptions).toBe([])
      expectSubscriptions(next.subscriptions).toBe('---^!')
    })
  })

  it('with a handoff scheduler, starts no waiter that is unsubscribed in the same breath as the turn is freed', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectSubscriptions, flush }) => {
      const limit = createLimiter(1, scheduler)
      const works = [cold('-----a|'), cold('b|'), cold('c|')]
      const subscriptions = works.map((work) => limit(work).subscribe())
      scheduler.schedule(() => subscriptions.forEach((subscription) => subscription.unsubscribe()), 2)
      flush()
      expectSubscriptions(works[0]!.subscriptions).toBe('^-!')
      expectSubscriptions(works[1]!.subscriptions).toBe([])
      expectSubscriptions(works[2]!.subscriptions).toBe([])
      expect(limit.state()).to.deep.equal({ active: 0, queued: 0, peak: 1 })
    })
  })
})
