// The default overall deadline of every watch: a job that stays `processing` forever (queued at
// once, processing for ten days) is polled until the deadline, then the watch ends with a
// TimeoutError carrying the last job seen, and nothing more reaches the server.
import { expect } from 'chai'
import { lastValueFrom } from 'rxjs'
import { createPixiiClient, fixedSchedule, isPixiiError, watchJob$, type JobEvent, type TimeoutError } from '../../src/index.js'
import { startSimulator } from '../../src/testing/index.js'
import { harness, record, type Harness, type Recording } from '../support/watchHarness.js'

const TEN_DAYS = 10 * 24 * 3_600_000
const HOUR = 3_600_000
const ASIN = 'B0CHX1W1XY'

function timeoutOf(recording: Recording<unknown>): TimeoutError {
  if (!isPixiiError(recording.error, 'Timeout')) throw new Error(`expected a Timeout, got ${String(recording.error)}`)
  return recording.error
}

describe('the overall deadline of every watch, in virtual time', () => {
  let h: Harness
  afterEach(async () => h.close())
  const endless = (asin?: string): string =>
    h.sim.createJob({ key: h.sim.liveKey, queuedMs: 0, processingMs: TEN_DAYS, ...(asin === undefined ? {} : { asin }) })

  /** Records when the watch ended; every request after that instant is a leak. */
  async function expectSilenceAfter(endedAt: number): Promise<void> {
    const seen = h.sim.log.length
    await h.clock.advance(HOUR)
    expect(h.sim.log, 'no request in the hour after the deadline').to.have.length(seen)
    expect(h.sim.log.every((request) => request.at <= endedAt)).to.equal(true)
    expect(h.clock.scheduler.actions, 'no timer left').to.have.length(0)
  }

  it('ends a watch of an endless job at exactly 30 minutes by default, with the last job seen', async () => {
    h = await harness()
    const id = endless()
    const watch = record(h.client({ apiKey: h.sim.liveKey }).watchJob$(id), h.clock)
    await h.clock.runUntil(watch.ended)
    const error = timeoutOf(watch)
    expect(h.clock.scheduler.now()).to.equal(1_800_000)
    expect(watch.values.map(({ value }) => value.status)).to.deep.equal(['processing'])
    expect(error).to.include({ deadline: 'total', ms: 1_800_000, retryable: false })
    expect(error.job?.id).to.equal(id)
    expect(error.job?.status).to.equal('processing')
    expect(error.lastValue).to.equal(error.job)
    expect(error.context.jobId).to.equal(id)
    expect(error.message).to.equal(
      `Job ${id} not finished within 30 min (last seen processing); it may still finish on Pixii: look again with getJob('${id}') or watchJob$('${id}')`,
    )
    expect(h.sim.log.length, 'it did poll until then').to.be.greaterThan(10)
    await expectSilenceAfter(1_800_000)
  })

  it('takes the client watchTimeoutMs, and a watch timeoutMs over it', async () => {
    h = await harness()
    const pixii = h.client({ apiKey: h.sim.liveKey, watchTimeoutMs: 60_000 })
    const byClient = record(pixii.watchJob$(endless()), h.clock)
    const byWatch = record(pixii.watchJob$(endless(), { timeoutMs: 5_000 }), h.clock)
    await h.clock.runUntil(byWatch.ended)
    expect(h.clock.scheduler.now()).to.equal(5_000)
    expect(timeoutOf(byWatch).ms).to.equal(5_000)
    expect(byClient.ended()).to.equal(false)
    await h.clock.runUntil(byClient.ended)
    expect(h.clock.scheduler.now()).to.equal(60_000)
    expect(timeoutOf(byClient).ms).to.equal(60_000)
    await expectSilenceAfter(60_000)
  })

  it('is off with false, per client or per watch', async () => {
    h = await harness()
    const off = h.client({ apiKey: h.sim.liveKey, watchTimeoutMs: false })
    const short = h.client({ apiKey: h.sim.liveKey, watchTimeoutMs: 1_000 })
    const watches = [record(off.watchJob$(endless()), h.clock), record(short.watchJob$(endless(), { timeoutMs: false }), h.clock)]
    await h.clock.advance(2 * HOUR)
    expect(watches.map((watch) => watch.ended())).to.deep.equal([false, false])
    const before = h.sim.log.length
    await h.clock.advance(HOUR)
    expect(h.sim.log.length, 'still polling').to.be.greaterThan(before)
    for (const watch of watches) watch.subscription.unsubscribe()
  })

  it('refuses a deadline that is not a positive finite number or false, naming the field, before any request', async () => {
    h = await harness()
    for (const watchTimeoutMs of [0, -1, Number.POSITIVE_INFINITY, Number.NaN, true, '30m']) {
      expect(() => h.client({ watchTimeoutMs: watchTimeoutMs as number })).to.throw(/watchTimeoutMs: expected a positive finite number of milliseconds, or false/)
    }
    const pixii = h.client()
    const bad = [
      record(pixii.watchJob$(endless(), { timeoutMs: 0 }), h.clock),
      record(pixii.watchJobs$([endless()], { timeoutMs: -5 }), h.clock),
      record(pixii.watchAsin$(ASIN, { timeoutMs: Number.POSITIVE_INFINITY }), h.clock),
    ]
    await h.clock.settle()
    for (const watch of bad) {
      if (!isPixiiError(watch.error, 'Validation')) throw new Error('expected a ValidationError')
      expect(watch.error.field).to.equal('timeoutMs')
    }
    expect(h.sim.log).to.have.length(0)
  })

  it('aborts the request in flight at the deadline, and sends nothing after', async () => {
    h = await harness({ track: false })
    h.sim.faults.inject({ kind: 'hang' })
    const id = endless()
    const watch = record(h.client({ apiKey: h.sim.liveKey }).watchJob$(id, { timeoutMs: 1_000 }), h.clock)
    await h.clock.settle()
    expect(h.sim.log).to.have.length(1)
    await h.clock.advance(1_000)
    const error = timeoutOf(watch)
    expect(error.job).to.equal(undefined)
    expect(error.message).to.contain('(no answer yet)')
    const aborted = await h.sim.whenAborted(1)
    expect(aborted.clientAborted).to.equal(true)
    await h.clock.advance(HOUR)
    expect(h.sim.log).to.have.length(1)
    expect(h.clock.scheduler.actions).to.have.length(0)
  })

  it('counts each subscriber of a shared loop from its own subscription; the loop stops when the last leaves', async () => {
    h = await harness()
    const pixii = h.client({ apiKey: h.sim.liveKey, schedule: fixedSchedule(1_000) })
    const id = endless()
    const first = record(pixii.watchJob$(id, { timeoutMs: 10_000 }), h.clock)
    await h.clock.advance(4_000)
    const second = record(pixii.watchJob$(id, { timeoutMs: 10_000 }), h.clock)
    const untimed = record(pixii.watchJob$(id, { timeoutMs: false }), h.clock)
    await h.clock.runUntil(first.ended)
    expect(h.clock.scheduler.now()).to.equal(10_000)
    expect(timeoutOf(first).ms).to.equal(10_000)
    expect(second.ended(), 'the second has 4 s left').to.equal(false)
    await h.clock.runUntil(second.ended)
    expect(h.clock.scheduler.now()).to.equal(14_000)
    expect(timeoutOf(second).job?.status).to.equal('processing')
    // One loop all along, polling every second, still running for the subscriber without a deadline.
    await h.clock.advance(6_000)
    expect(untimed.ended()).to.equal(false)
    expect(h.sim.log.map((request) => request.at)).to.deep.equal(Array.from({ length: 21 }, (_, second) => second * 1_000))
    untimed.subscription.unsubscribe()
    await expectSilenceAfter(20_000)
  })

  for (const batchByAsin of [false, true]) {
    it(`watchJobs$ (batchByAsin ${batchByAsin}): each open job gets a Timeout error event, the others finish, then it completes`, async () => {
      h = await harness()
      const pixii = h.client({ apiKey: h.sim.liveKey, watchTimeoutMs: 60_000, schedule: fixedSchedule(1_000) })
      const stuck = [endless(ASIN), endless(ASIN)]
      const quick = h.sim.createJob({ key: h.sim.liveKey, asin: ASIN, queuedMs: 0, processingMs: 5_000 })
      const watch = record(pixii.watchJobs$([...stuck, quick].map((id) => ({ id, asin: ASIN })), { batchByAsin }), h.clock)
      await h.clock.runUntil(watch.ended)
      expect(watch.completedAt).to.equal(60_000)
      const events: JobEvent[] = watch.values.map(({ value }) => value)
      expect(events.some((event) => event.id === quick && event.kind === 'job' && event.status === 'completed')).to.equal(true)
      const timeouts = events.filter((event) => event.kind === 'error')
      expect(timeouts.map((event) => event.id)).to.deep.equal(stuck)
      for (const event of timeouts) {
        if (!isPixiiError(event.error, 'Timeout')) throw new Error('expected a Timeout')
        expect(event.error).to.include({ deadline: 'total', ms: 60_000 })
        expect(event.error.message).to.contain(`Job ${event.id} not finished within 1 min (last seen processing); it may still finish on Pixii`)
        expect(event.error.lastValue).to.have.property('status', 'processing')
      }
      await expectSilenceAfter(60_000)
    })
  }

  it('watchJobs$ with jobs alone and batched: Timeouts for the jobs alone first, then the batched ones, each in the order given', async () => {
    h = await harness()
    const pixii = h.client({ apiKey: h.sim.liveKey, watchTimeoutMs: 60_000, schedule: fixedSchedule(1_000) })
    const OTHER = 'B0OTHER001'
    const aloneFirst = endless()
    const batched = [endless(ASIN), endless(ASIN)]
    const quick = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 0, processingMs: 5_000 })
    const aloneLast = endless(OTHER) // the only job of its ASIN: watched alone
    const targets = [{ id: batched[1]!, asin: ASIN }, aloneFirst, { id: batched[0]!, asin: ASIN }, quick, { id: aloneLast, asin: OTHER }]
    const watch = record(pixii.watchJobs$(targets), h.clock)
    await h.clock.runUntil(watch.ended)
    expect(watch.completedAt).to.equal(60_000)
    const events: JobEvent[] = watch.values.map(({ value }) => value)
    expect(events.some((event) => event.id === quick && event.kind === 'job' && event.status === 'completed')).to.equal(true)
    const timeouts = events.filter((event) => event.kind === 'error')
    expect(timeouts.map((event) => event.id)).to.deep.equal([aloneFirst, aloneLast, batched[1], batched[0]])
    for (const event of timeouts) {
      if (!isPixiiError(event.error, 'Timeout')) throw new Error('expected a Timeout')
      expect(event.error.lastValue).to.have.property('status', 'processing')
    }
    await expectSilenceAfter(60_000)
  })

  it('watchJobs$ with failFast errors with the first Timeout', async () => {
    h = await harness()
    const watch = record(h.client({ apiKey: h.sim.liveKey }).watchJobs$([endless()], { failFast: true, timeoutMs: 2_000 }), h.clock)
    await h.clock.runUntil(watch.ended)
    expect(timeoutOf(watch).ms).to.equal(2_000)
    expect(h.clock.scheduler.now()).to.equal(2_000)
  })

  it('run$ bounds its watch, from the acceptance on', async () => {
    h = await harness()
    const pixii = h.client({ apiKey: h.sim.liveKey, watchTimeoutMs: 5_000 })
    const run = record(pixii.run$({ kind: 'listingBuilder', request: { asin: ASIN, country_code: 'US', listing_type: 'amazon_listing' } }), h.clock)
    await h.clock.runUntil(run.ended)
    expect(run.values[0]?.value.kind).to.equal('accepted')
    const error = timeoutOf(run)
    expect(error.job?.status).to.equal('pending')
    expect(h.clock.scheduler.now()).to.equal(5_000)
  })

  it('watchAsin$ with completeWhenIdle ends at the deadline with a Timeout per open job; an open-ended one has none', async () => {
    h = await harness()
    const pixii = h.client({ apiKey: h.sim.liveKey, watchTimeoutMs: 30_000 })
    const id = endless(ASIN)
    const idle = record(pixii.watchAsin$(ASIN, { completeWhenIdle: true }), h.clock)
    const feed = record(pixii.watchAsin$(ASIN), h.clock)
    await h.clock.runUntil(idle.ended)
    expect(idle.completedAt).to.equal(30_000)
    const last = idle.values.at(-1)?.value
    expect(last).to.include({ kind: 'error', id })
    if (last?.kind !== 'error' || !isPixiiError(last.error, 'Timeout')) throw new Error('expected a Timeout event')
    expect(last.error.deadline).to.equal('total')
    await h.clock.advance(2 * HOUR)
    expect(feed.ended(), 'a feed runs until unsubscribed').to.equal(false)
    feed.subscription.unsubscribe()
  })
})

describe('the overall deadline of the top-level watchJob$', () => {
  it('takes a per-watch timeoutMs, on the default client', async () => {
    const simulator = await startSimulator()
    const saved = { key: process.env['PIXII_API_KEY'], url: process.env['PIXII_BASE_URL'] }
    try {
      process.env['PIXII_API_KEY'] = simulator.liveKey
      process.env['PIXII_BASE_URL'] = simulator.url ?? ''
      const id = simulator.createJob({ key: simulator.liveKey, queuedMs: 0, processingMs: TEN_DAYS })
      const error = await lastValueFrom(watchJob$(id, { timeoutMs: 50 })).catch((failure: unknown) => failure)
      if (!isPixiiError(error, 'Timeout')) throw new Error(`expected a Timeout, got ${String(error)}`)
      expect(error.deadline).to.equal('total')
      expect(error.job?.id).to.equal(id)
      // A client's default is the documented one.
      expect(() => createPixiiClient({ apiKey: simulator.testKey, watchTimeoutMs: 1_800_000 })).not.to.throw()
    } finally {
      for (const [name, value] of [['PIXII_API_KEY', saved.key], ['PIXII_BASE_URL', saved.url]] as const) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
      await simulator.close()
    }
  })
})
