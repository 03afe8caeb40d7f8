// eachJob$ and its relays, with loops of our own: each job's loop is a Subject, so the test says
// exactly when a job answers, ends or fails, and counts who is still subscribed.
import { expect } from 'chai'
import { Observable, Subject, finalize, take } from 'rxjs'
import { eachJob$, JobRelays } from '../../src/watchMany/eachJob.js'
import type { JobEvent } from '../../src/watchMany/JobEvent.js'
import { NetworkError, type Job } from '../../src/index.js'

const at = '2026-01-01T00:00:00Z'
const job = (id: string, status: Job['status']): Job =>
  ({ id, job_type: 'Scale', status, created_at: at, started_at: null, completed_at: null, credit_cost: 1, credits_refunded: 0, output: status === 'completed' ? { ads: [] } : null, error_code: null }) as Job

/** One Subject per id, and how many subscribers each has now. */
function loops(ids: readonly string[]) {
  const subjects = new Map(ids.map((id) => [id, new Subject<Job>()]))
  const subscribed = new Map(ids.map((id) => [id, 0]))
  const loop$ = (id: string): Observable<Job> => {
    subscribed.set(id, (subscribed.get(id) ?? 0) + 1)
    return subjects.get(id)!.pipe(finalize(() => subscribed.set(id, (subscribed.get(id) ?? 0) - 1)))
  }
  return { loop$, of: (id: string) => subjects.get(id)!, subscribed: () => [...subscribed.values()] }
}

describe('eachJob$ and its relays', () => {
  it('tells a deadline the unfinished jobs in the order given, with the last job of each', () => {
    const ids = ['a', 'b', 'c', 'd', 'e']
    const { loop$, of, subscribed } = loops(ids)
    const relays = new JobRelays()
    const events: JobEvent[] = []
    let completed = false
    eachJob$(ids, loop$, relays).subscribe({ next: (event) => events.push(event), complete: () => (completed = true) })
    expect(relays.unfinished()).to.deep.equal(ids.map((id) => [id, undefined]))
    of('b').next(job('b', 'processing'))
    of('a').next(job('a', 'pending'))
    // A terminal job is finished as soon as it is emitted, before its loop completes.
    of('c').next(job('c', 'completed'))
    expect(relays.unfinished().map(([id, last]) => [id, last?.status])).to.deep.equal([['a', 'pending'], ['b', 'processing'], ['d', undefined], ['e', undefined]])
    of('c').complete()
    of('d').error(new NetworkError({ message: 'gone', failure: 'reset' }))
    of('a').next(job('a', 'failed'))
    of('a').complete()
    // Three of five ended: the relays swept the ended ones out, and the order holds.
    expect(relays.unfinished().map(([id, last]) => [id, last?.status])).to.deep.equal([['b', 'processing'], ['e', undefined]])
    expect(subscribed()).to.deep.equal([0, 1, 0, 0, 1])
    expect(events.map((event) => `${event.id}:${event.kind === 'job' ? event.status : event.kind}`)).to.deep.equal(['b:processing', 'a:pending', 'c:completed', 'd:error', 'a:failed'])
    of('b').complete()
    expect(completed).to.equal(false)
    of('e').complete()
    expect(completed).to.equal(true)
    expect(relays.unfinished()).to.deep.equal([])
  })

  it('unsubscribes every open loop when unsubscribed, and ends the stream on an error that is not a Pixii one', () => {
    const ids = ['a', 'b', 'c']
    const first = loops(ids)
    const subscription = eachJob$(ids, first.loop$).subscribe()
    first.of('b').complete()
    expect(first.subscribed()).to.deep.equal([1, 0, 1])
    subscription.unsubscribe()
    expect(first.subscribed()).to.deep.equal([0, 0, 0])

    const second = loops(ids)
    let failure: unknown
    eachJob$(ids, second.loop$).subscribe({ error: (error: unknown) => (failure = error) })
    second.of('a').error(new TypeError('a bug'))
    expect(failure).to.be.instanceOf(TypeError)
    expect(second.subscribed()).to.deep.equal([0, 0, 0])
  })

  it('unsubscribes a loop that answered while it was being subscribed, when that answer was enough downstream', () => {
    let live = 0
    // As a shared loop answers a late subscriber: with the latest job, during the subscription.
    const loop$ = (id: string): Observable<Job> =>
      new Observable<Job>((subscriber) => {
        live += 1
        subscriber.next(job(id, 'processing'))
        return () => (live -= 1)
      })
    const seen: string[] = []
    eachJob$(['a', 'b'], loop$).pipe(take(1)).subscribe((event) => seen.push(event.id))
    expect(seen).to.deep.equal(['a'])
    expect(live, 'no loop left running').to.equal(0)
  })

  it('serves one subscription per set of relays', () => {
    const { loop$ } = loops(['a'])
    const relays = new JobRelays()
    const stream = eachJob$(['a'], loop$, relays)
    stream.subscribe()
    let failure: unknown
    stream.subscribe({ error: (error: unknown) => (failure = error) })
    expect(String(failure)).to.contain('JobRelays serve one subscription')
  })
})
