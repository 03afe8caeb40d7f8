import { expect } from 'chai'
import { lastValueFrom, Subject, take, toArray } from 'rxjs'
import { isPixiiError, type RunManyEvent, type Submission, type SubmitManyResult } from '../../src/index.js'
import type { APlusRequest, FetchLike, ListingBuilderRequest } from '../../src/advanced/index.js'
import { harness, record, type Harness, type Recording } from '../support/watchHarness.js'

const MINUTE = 60_000
const DAY = 86_400_000

const asinOf = (n: number): string => `B0${String(n).padStart(8, '0')}`
const listing = (n: number): Submission => ({
  kind: 'listingBuilder',
  request: { asin: asinOf(n), country_code: 'US', listing_type: 'amazon_listing' } satisfies ListingBuilderRequest,
})
const aPlus = (n: number): Submission => ({
  kind: 'aPlus',
  request: { asin: asinOf(n), country_code: 'US', types: ['A+ Basic'] } satisfies APlusRequest,
})

/** The earliest times a sliding-window server can accept `count` submissions, starting at 0. */
function earliestTimes(count: number, perMinute: number, perDay: number): number[] {
  const times: number[] = []
  for (let k = 0; k < count; k += 1) {
    times.push(Math.max(times[k - 1] ?? 0, (times[k - perMinute] ?? -Infinity) + MINUTE, (times[k - perDay] ?? -Infinity) + DAY))
  }
  return times
}

const posts = (h: Harness) => h.sim.log.filter((entry) => entry.method === 'POST')
const lists = (h: Harness) => h.sim.log.filter((entry) => entry.method === 'GET' && entry.path === '/v1/api/jobs')
const results = (run: Recording<SubmitManyResult>): SubmitManyResult[] => run.values.map(({ value }) => value)

/** The one result of a run, which must be `kind`. */
function only<T extends SubmitManyResult['kind']>(run: Recording<SubmitManyResult>, type: T): Extract<SubmitManyResult, { kind: T }> {
  expect(run.values).to.have.length(1)
  const result = run.values[0]?.value
  if (result?.kind !== type) throw new Error(`expected ${type}, got ${JSON.stringify(result)}`)
  return result as Extract<SubmitManyResult, { type: T }>
}

/** The simulator's in-memory fetch, tracked by the clock, with `before` called ahead of each request. */
const spying = (h: Harness, before: (init: RequestInit, url: string) => void): FetchLike =>
  h.clock.track((url, init) => {
    before(init, url)
    return h.sim.fetch(url, init)
  })

describe('submitMany$ against the in-memory simulator, in virtual time', () => {
  let h: Harness
  afterEach(async () => h.close())

  it('submits 1,200 jobs at the default limits: no 429, both windows kept to the request, within 2% of the fastest possible', async () => {
    h = await harness()
    const pixii = h.client()
    const requests = Array.from({ length: 1_200 }, (_, n) => listing(n))
    const run = record(pixii.submitMany$(requests), h.clock)
    await h.clock.runUntil(run.ended, 3 * DAY)
    const sent = posts(h)
    expect(sent.filter((entry) => entry.status !== 202)).to.deep.equal([])
    expect(sent).to.have.length(1_200)
    const times = sent.map((entry) => entry.at)
    for (let k = 10; k < times.length; k += 1) expect((times[k] as number) - (times[k - 10] as number)).to.be.at.least(MINUTE)
    for (let k = 500; k < times.length; k += 1) expect((times[k] as number) - (times[k - 500] as number)).to.be.at.least(DAY)
    const fastest = earliestTimes(1_200, 10, 500).at(-1) as number
    const took = times.at(-1) as number
    expect(fastest).to.equal(2 * DAY + 19 * MINUTE)
    expect(took / fastest).to.be.within(1, 1.02)
    expect(run.values.map(({ value }) => value.kind === 'accepted' && value.index)).to.deep.equal(requests.map((_, n) => n))
    expect(new Set(run.values.map(({ value }) => value.kind === 'accepted' && value.accepted.job_id)).size).to.equal(1_200)
    expect(h.sim.jobIds()).to.have.length(1_200)
    console.log(`      1,200 submissions: last sent at ${took} ms, fastest possible ${fastest} ms (ratio ${(took / fastest).toFixed(4)})`)
  })

  describe('the 429 path', () => {
    it('recovers from a burst the server refuses (its limits lowered, the client’s set too high): nothing lost, nothing twice', async () => {
      h = await harness({ rateLimits: { perMinute: 3, perDay: 12 } })
      const pixii = h.client() // believes in 10 a minute and 500 a day
      const requests = Array.from({ length: 30 }, (_, n) => listing(n))
      const run = record(pixii.submitMany$(requests, { concurrency: 10 }), h.clock)
      await h.clock.runUntil(run.ended, 4 * DAY)
      const sent = posts(h)
      const refused = sent.filter((entry) => entry.status === 429)
      expect(refused.map((entry) => entry.at)).to.deep.equal(Array<number>(7).fill(0))
      // Paused exactly for Retry-After (60 s), then paced by the limits learned from the headers.
      expect(sent.filter((entry) => entry.status === 202).map((entry) => entry.at)).to.deep.equal(
        [0, MINUTE, 2 * MINUTE, 3 * MINUTE, DAY, DAY + MINUTE, DAY + 2 * MINUTE, DAY + 3 * MINUTE, 2 * DAY, 2 * DAY + MINUTE]
          .flatMap((at) => [at, at, at]),
      )
      const accepted = results(run).filter((result) => result.kind === 'accepted')
      expect(accepted.map((result) => result.index).sort((a, b) => a - b)).to.deep.equal(requests.map((_, n) => n))
      const ids = accepted.map((result) => result.accepted.job_id)
      expect(new Set(ids).size).to.equal(30)
      expect([...h.sim.jobIds()].sort()).to.deep.equal([...ids].sort())
      expect(run.completedAt).to.equal(2 * DAY + MINUTE)
    })

    it('keeps under lowered limits without a single 429 when it submits one at a time: the headers teach it', async () => {
      h = await harness({ rateLimits: { perMinute: 3, perDay: 500 } })
      const run = record(h.client().submitMany$(Array.from({ length: 7 }, (_, n) => listing(n))), h.clock)
      await h.clock.runUntil(run.ended)
      expect(posts(h).map((entry) => [entry.at, entry.status])).to.deep.equal([
        [0, 202], [0, 202], [0, 202], [MINUTE, 202], [MINUTE, 202], [MINUTE, 202], [2 * MINUTE, 202],
      ])
    })

    it('sends the refused request again after exactly Retry-After, before any other, and only once accepted', async () => {
      h = await harness()
      h.sim.faults.inject({ kind: 'rate-limit', retryAfter: 7 }, { match: { method: 'POST' } })
      const run = record(h.client().submitMany$([listing(1), listing(2)]), h.clock)
      await h.clock.runUntil(run.ended)
      expect(posts(h).map((entry) => [entry.at, entry.status])).to.deep.equal([[0, 429], [7_000, 202], [7_000, 202]])
      expect(results(run).map((result) => result.kind === 'accepted' && result.request.request.asin)).to.deep.equal([asinOf(1), asinOf(2)])
      expect(h.sim.jobIds()).to.have.length(2)
    })
  })

  describe('never a blind retry of a POST', () => {
    it('adopts the job of a submission whose answer was lost (reset): one job, one charge', async () => {
      h = await harness()
      const pixii = h.client({ apiKey: h.sim.liveKey })
      const before = h.sim.balance(h.sim.liveKey)
      h.sim.faults.inject({ kind: 'reset' }, { match: { method: 'POST' } })
      const run = record(pixii.submitMany$([listing(1)]), h.clock)
      await h.clock.runUntil(run.ended)
      const result = only(run, 'accepted')
      expect(result.adopted).to.equal(true)
      expect(h.sim.jobIds()).to.deep.equal([result.accepted.job_id])
      expect(posts(h).map((entry) => entry.fault)).to.deep.equal(['reset'])
      expect(lists(h)).to.have.length(1)
      const job = await pixii.getJob(result.accepted.job_id)()
      if (job._tag === 'Left') throw job.left
      expect(job.right.credit_cost).to.be.greaterThan(0)
      expect(before - h.sim.balance(h.sim.liveKey)).to.equal(job.right.credit_cost)
      expect(result.accepted).to.include({ job_type: 'Listing Builder', status: 'pending' })
    })

    it('does not adopt a job it already knows: the earlier job of the same ASIN and type stays the earlier request’s', async () => {
      h = await harness()
      let sent = 0
      const fetch = spying(h, (init) => {
        if (init.method === 'POST' && ++sent === 2) h.sim.faults.inject({ kind: 'reset' })
      })
      const run = record(h.client({ fetch }).submitMany$([listing(1), listing(1), listing(1)]), h.clock)
      await h.clock.runUntil(run.ended)
      const accepted = results(run).map((result) => (result.kind === 'accepted' ? [result.accepted.job_id, result.adopted] : result.error))
      expect(accepted).to.deep.equal(h.sim.jobIds().map((id, n) => [id, n === 1]))
    })

    it('reports SubmissionOutcomeUnknown after the bounded wait when no job appears (a 500), and sends nothing again', async () => {
      h = await harness()
      h.sim.faults.inject({ kind: 'status', status: 500 }, { match: { method: 'POST' } })
      const run = record(h.client().submitMany$([listing(1)]), h.clock)
      await h.clock.runUntil(run.ended)
      const { error } = only(run, 'failed')
      if (!isPixiiError(error, 'SubmissionOutcomeUnknown')) throw new Error(`expected SubmissionOutcomeUnknown, got ${error._tag}`)
      expect(error).to.include({ asin: asinOf(1), jobType: 'Listing Builder', retryable: false, sentAt: '1970-01-01T00:00:00.000Z' })
      expect(error.candidates).to.deep.equal([])
      expect(error.lastError).to.include({ _tag: 'Server' })
      expect(error.context).to.include({ method: 'POST', path: '/v1/api/listing_builder', status: 500 })
      expect(error.message).to.contain('It was not sent again')
      expect(run.values[0]?.at).to.equal(60_000)
      expect(lists(h).map((entry) => entry.at)).to.deep.equal([0, 1_000, 3_000, 7_000, 15_000, 30_000, 45_000, 60_000])
      expect(posts(h)).to.have.length(1)
      expect(h.sim.jobIds()).to.deep.equal([])
    })

    it('treats a request timeout as an unknown outcome too', async () => {
      h = await harness()
      h.sim.faults.inject({ kind: 'hang' }, { match: { method: 'POST' } })
      // The hanging POST is left untracked: it ends only when the client gives up on it.
      const tracked = h.clock.track(h.sim.fetch)
      const fetch: FetchLike = (url, init) => (init.method === 'POST' ? h.sim.fetch(url, init) : tracked(url, init))
      const run = record(h.client({ fetch, requestTimeoutMs: 10_000, outcomeLookup: { waitMs: 5_000 } }).submitMany$([listing(1)]), h.clock)
      await h.clock.runUntil(run.ended)
      const { error } = only(run, 'failed')
      if (!isPixiiError(error, 'SubmissionOutcomeUnknown')) throw new Error(`expected SubmissionOutcomeUnknown, got ${error._tag}`)
      expect(error.lastError).to.include({ _tag: 'Timeout', deadline: 'request' })
      expect(run.values[0]?.at).to.equal(15_000)
      expect(posts(h)).to.have.length(1)
      expect(posts(h)[0]?.clientAborted).to.equal(true)
    })

    it('does not guess between two candidates', async () => {
      h = await harness()
      // Another process submitted the same ASIN and job type in the same instant.
      const theirs = h.sim.createJob({ key: h.sim.testKey, asin: asinOf(1), jobType: 'Listing Builder' })
      h.sim.faults.inject({ kind: 'reset' }, { match: { method: 'POST' } })
      const run = record(h.client().submitMany$([listing(1)]), h.clock)
      await h.clock.runUntil(run.ended)
      const { error } = only(run, 'failed')
      if (!isPixiiError(error, 'SubmissionOutcomeUnknown')) throw new Error(`expected SubmissionOutcomeUnknown, got ${error._tag}`)
      expect(error.candidates).to.have.length(2).and.to.include(theirs)
      expect(run.values[0]?.at).to.equal(0)
      expect(posts(h)).to.have.length(1)
    })

    it('sends again what provably never arrived: a 503, a refused connection', async () => {
      h = await harness()
      h.sim.faults.inject({ kind: 'status', status: 503 }, { match: { method: 'POST' } })
      let refused = 0
      const fetch = spying(h, (init) => {
        if (init.method === 'POST' && refused++ === 1) {
          throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), { code: 'ECONNREFUSED' }) })
        }
      })
      const run = record(h.client({ fetch }).submitMany$([listing(1)]), h.clock)
      await h.clock.runUntil(run.ended)
      expect(only(run, 'accepted').adopted).to.equal(false)
      // The 503 at 0; the refused connection after 375 ms (500 ms, less a quarter: jitter 0.5 × random 0.5);
      // then 750 ms (doubled).
      expect(posts(h).map((entry) => [entry.at, entry.status])).to.deep.equal([[0, 503], [1_125, 202]])
      expect(refused).to.equal(3)
      expect(h.sim.jobIds()).to.have.length(1)
    })

    it('adopts a lost answer over loopback HTTP, where the server really resets the connection', async () => {
      h = await harness({ http: true })
      h.sim.faults.inject({ kind: 'reset' }, { match: { method: 'POST' } })
      const pixii = h.client({ apiKey: h.sim.liveKey })
      const before = h.sim.balance(h.sim.liveKey)
      const submitted = await pixii.submitAPlus({ asin: asinOf(1), country_code: 'US', types: ['A+ Premium'] })()
      if (submitted._tag === 'Left') throw submitted.left
      expect(h.sim.jobIds()).to.deep.equal([submitted.right.job_id])
      expect(before - h.sim.balance(h.sim.liveKey)).to.equal(20)
    })
  })

  describe('the queue', () => {
    it('never sends a submission unsubscribed while it waited for a token', async () => {
      h = await harness()
      const pixii = h.client()
      const run = record(pixii.submitMany$(Array.from({ length: 25 }, (_, n) => listing(n))), h.clock)
      await h.clock.advance(30_000)
      expect(pixii.limiter.state()).to.include({ queued: 1, inFlight: 0 })
      run.subscription.unsubscribe()
      expect(pixii.limiter.state()).to.include({ queued: 0, inFlight: 0 })
      await h.clock.advance(10 * MINUTE)
      expect(posts(h)).to.have.length(10)
      expect(h.clock.scheduler.actions).to.have.length(0)
      // A single submission waits on the same limiter, and leaves its queue the same way.
      const one = h.client({ rateLimits: { perMinute: 1 } })
      const first = record(one.submitAPlus$({ asin: asinOf(99), country_code: 'US', types: ['A+ Basic'] }), h.clock)
      const second = record(one.submitAPlus$({ asin: asinOf(98), country_code: 'US', types: ['A+ Basic'] }), h.clock)
      await h.clock.advance(30_000)
      expect([first.ended(), second.ended(), one.limiter.state().queued]).to.deep.equal([true, false, 1])
      second.subscription.unsubscribe()
      await h.clock.advance(10 * MINUTE)
      expect(posts(h)).to.have.length(11)
      expect(h.clock.scheduler.actions).to.have.length(0)
    })

    it('reads an endless generator only as requests can go, and closes it on unsubscribe', async () => {
      h = await harness()
      let pulled = 0
      let closed = false
      function* endless(): Generator<Submission> {
        try {
          for (let n = 0; ; n += 1) {
            pulled += 1
            yield aPlus(n)
          }
        } finally {
          closed = true
        }
      }
      const run = record(h.client().submitMany$(endless()).pipe(take(15)), h.clock)
      await h.clock.advance(30_000)
      expect({ pulled, sent: posts(h).length }).to.deep.equal({ pulled: 11, sent: 10 })
      await h.clock.runUntil(run.ended)
      expect({ pulled, sent: posts(h).length, closed, at: run.completedAt }).to.deep.equal({ pulled: 15, sent: 15, closed: true, at: MINUTE })
    })

    it('pulls an async iterable lazily too, and takes pushed values from an Observable in order', async () => {
      h = await harness()
      let pulled = 0
      async function* feed(): AsyncGenerator<Submission> {
        for (let n = 0; n < 1_000; n += 1) {
          pulled += 1
          yield await Promise.resolve(listing(n))
        }
      }
      const fromAsync = record(h.client().submitMany$(feed(), { concurrency: 2 }).pipe(take(12)), h.clock)
      await h.clock.runUntil(fromAsync.ended)
      expect({ pulled, sent: posts(h).length, at: fromAsync.completedAt }).to.deep.equal({ pulled: 13, sent: 12, at: MINUTE })
      const pushed = new Subject<Submission>()
      const fromSubject = record(h.client().submitMany$(pushed), h.clock)
      for (let n = 100; n < 103; n += 1) pushed.next(listing(n))
      pushed.complete()
      await h.clock.runUntil(fromSubject.ended, 5 * MINUTE)
      expect(results(fromSubject).map((result) => result.index)).to.deep.equal([0, 1, 2])
    })
  })

  describe('per-request failures are values', () => {
    it('reports each request’s typed failure and goes on with the others', async () => {
      h = await harness()
      const invalid: Submission = { kind: 'listingBuilder', request: { ...(listing(2).request as ListingBuilderRequest), country_code: 'XX' as 'US' } }
      const run = record(h.client().submitMany$([listing(1), invalid, listing(3)]), h.clock)
      await h.clock.runUntil(run.ended)
      expect(results(run).map((result) => (result.kind === 'failed' ? `${result.index} ${result.error._tag}` : `${result.index} ok`))).to.deep.equal([
        '0 ok', '1 Validation', '2 ok',
      ])
      expect(posts(h)).to.have.length(2)
      const poor = h.sim.addOrganisation({ credits: 0 })
      const broke = record(h.client({ apiKey: poor.liveKey }).submitMany$([listing(4), listing(5)]), h.clock)
      await h.clock.runUntil(broke.ended)
      expect(results(broke).map((result) => result.kind === 'failed' && result.error._tag)).to.deep.equal(['InsufficientCredits', 'InsufficientCredits'])
    })

    it('checks its options before sending anything', async () => {
      h = await harness()
      const run = record(h.client().submitMany$([listing(1)], { concurrency: 0 }), h.clock)
      const watched = record(h.client().runMany$([listing(1)], { watch: { retry: { jitter: 2 } } }), h.clock)
      await h.clock.settle()
      if (!isPixiiError(run.error, 'Validation') || !isPixiiError(watched.error, 'Validation')) throw new Error('expected ValidationErrors')
      expect([run.error.field, watched.error.field]).to.deep.equal(['concurrency', 'retry.jitter'])
      expect(posts(h)).to.have.length(0)
      expect(() => h.client({ rateLimits: { perMinute: -1 } })).to.throw('rateLimits.perMinute: expected an integer ≥ 1, got -1')
      expect(() => h.client({ outcomeLookup: { waitMs: Number.NaN } })).to.throw('outcomeLookup.waitMs: expected a finite number ≥ 0, got NaN')
    })
  })

  describe('runMany$ and run$', () => {
    it('submits and watches each job: accepted, then its transitions, or its failure', async () => {
      h = await harness()
      h.sim.script({ kind: 'failure', errorCode: 'GENERATION_FAILED' }, { asin: asinOf(2) })
      const run = record(h.client().runMany$([listing(1), listing(2), aPlus(3)]), h.clock)
      await h.clock.runUntil(run.ended)
      expect(run.completedAt).to.be.at.most(2_000)
      const story = (index: number): string[] =>
        run.values
          .map(({ value }) => value)
          .filter((event: RunManyEvent) => event.index === index)
          .map((event) => (event.kind === 'job' ? event.job.status : event.kind === 'failed' ? `failed: ${event.error._tag}` : event.kind))
      expect(story(0)).to.deep.equal(['accepted', 'pending', 'processing', 'completed'])
      expect(story(1)).to.deep.equal(['accepted', 'pending', 'processing', 'failed', 'failed: JobFailed'])
      expect(story(2)).to.deep.equal(['accepted', 'pending', 'processing', 'completed'])
      const failed = run.values.map(({ value }) => value).find((event) => event.kind === 'failed')
      expect(failed?.jobId).to.equal(h.sim.jobIds()[1])
    })

    it('run$ adopts the job of a lost answer before watching it', async () => {
      h = await harness()
      h.sim.faults.inject({ kind: 'reset' }, { match: { method: 'POST' } })
      const events = h.client().run$(listing(1)).pipe(toArray())
      const done = lastValueFrom(events)
      let finished = false
      void done.then(() => (finished = true))
      await h.clock.runUntil(() => finished)
      const all = await done
      expect(all.map((event) => (event.kind === 'job' ? event.job.status : event.kind))).to.deep.equal(['accepted', 'pending', 'processing', 'completed'])
      expect(h.sim.jobIds()).to.deep.equal([all[0]?.jobId])
      expect(posts(h)).to.have.length(1)
    })
  })
})
