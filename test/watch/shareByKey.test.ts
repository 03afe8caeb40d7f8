import { expect } from 'chai'
import { defer, Observable, of, take } from 'rxjs'
import { shareByKey } from '../../src/rx/shareByKey.js'
import { testScheduler } from '../support/marbles.js'

describe('shareByKey (one polling loop per job id)', () => {
  it('shares one source between subscribers of a key; a late one gets the latest value at once', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a--b----c|')
      const shared = shareByKey<string, string>()
      const watch = (): ReturnType<typeof shared> => shared('job_1', () => source)
      expectObservable(watch()).toBe('a--b----c|')
      expectObservable(watch()).toBe('a--b----c|')
      expectObservable(watch(), '-----^').toBe('-----b--c|')
      expectSubscriptions(source.subscriptions).toBe('^--------!')
    })
  })

  it('keeps keys apart', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const one = cold('a|')
      const two = cold('-b|')
      const shared = shareByKey<string, string>()
      expectObservable(shared('job_1', () => one)).toBe('a|')
      expectObservable(shared('job_2', () => two)).toBe('-b|')
      expectSubscriptions(one.subscriptions).toBe('^!')
      expectSubscriptions(two.subscriptions).toBe('^-!')
    })
  })

  it('stops the source when the last subscriber leaves, and starts afresh for the next', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a---b---c|')
      const shared = shareByKey<string, string>()
      const watch = shared('job_1', () => source)
      expectObservable(watch, '^-!').toBe('a-')
      expectObservable(watch, '^--!').toBe('a--')
      expectObservable(watch, '------^-----!').toBe('------a---b-')
      expectSubscriptions(source.subscriptions).toBe(['^--!', '------^-----!'])
    })
  })

  it('starts afresh after a source that ended while it was being subscribed', () => {
    let started = 0
    const shared = shareByKey<string, string>()
    const watch = () => shared('job_1', () => defer(() => ((started += 1), of('a'))))
    const seen: string[] = []
    watch().subscribe({ next: (value) => seen.push(value), complete: () => seen.push('|') })
    watch().subscribe({ next: (value) => seen.push(value), complete: () => seen.push('|') })
    expect(seen).to.deep.equal(['a', '|', 'a', '|'])
    expect(started).to.equal(2)
  })

  it('stops a source whose only subscriber left during its first, synchronous value', () => {
    let stopped = false
    const source = new Observable<string>((subscriber) => {
      subscriber.next('a')
      return () => (stopped = true)
    })
    const shared = shareByKey<string, string>()
    const seen: string[] = []
    shared('job_1', () => source)
      .pipe(take(1))
      .subscribe((value) => seen.push(value))
    expect(seen).to.deep.equal(['a'])
    expect(stopped).to.equal(true)
  })
})
