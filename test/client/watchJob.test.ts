import { expect } from 'chai'
import { adaptiveSchedule, quickFirstSchedule, fixedSchedule, isPixiiError, type PollEvent } from '../../src/index.js'
import { harness, record, transitions, type Harness } from '../support/watchHarness.js'

for (const http of [false, true]) describe(`watchJob$ against the simulator ${http ? 'over loopback HTTP' : 'in memory'}, in virtual time`, () => {
  let h: Harness
  afterEach(async () => h.close())

  describe('a two-minute live job', () => {
    // Queued until 10.1 s, processing until 119.9 s.
    const liveJob = (): string => h.sim.createJob({ key: h.sim.liveKey, queuedMs: 10_100, processingMs: 109_800 })

    it('streams pending → processing → completed with quickFirstSchedule, in exactly 29 requests', async () => {
      h = await harness({ http })
      const pixii = h.client({ apiKey: h.sim.liveKey, schedule: quickFirstSchedule })
      const id = liveJob()
      const watch = record(pixii.watchJob$(id), h.clock)
      await h.clock.runUntil(watch.ended)
      // Polls at 0, 250, 750, 1 750, 3 750, 7 750, 12 750, then every 5 s: 122 750 is the first after 119 900.
      expect(transitions(watch)).to.deep.equal([[0, 'pending'], [12_750, 'processing'], [122_750, 'completed']])
      expect(watch.completedAt).to.equal(122_750)
      expect(h.sim.log).to.have.length(29)
      expect(h.sim.truth(id).map(({ status, at }) => [at, status])).to.deep.equal([
        [0, 'pending'], [10_100, 'processing'], [119_900, 'completed'],
      ])
      const last = watch.values.at(-1)?.value
      if (last?.status !== 'completed') throw new Error('expected a completed job last')
      expect(last.output.ads.length).to.be.greaterThan(0)
    })

    it('polls every 5 s with fixedSchedule(5000): 25 requests', async () => {
      h = await harness({ http })
      const pixii = h.client({ apiKey: h.sim.liveKey, schedule: fixedSchedule(5_000) })
      const watch = record(pixii.watchJob$(liveJob()), h.clock)
      await h.clock.runUntil(watch.ended)
      expect(transitions(watch)).to.deep.equal([[0, 'pending'], [15_000, 'processing'], [120_000, 'completed']])
      expect(h.sim.log).to.have.length(25)
    })

    it('takes the per-watch schedule over the client one', async () => {
      h = await harness({ http })
      const pixii = h.client({ apiKey: h.sim.liveKey, schedule: quickFirstSchedule })
      const watch = record(pixii.watchJob$(liveJob(), { schedule: fixedSchedule(60_000) }), h.clock)
      await h.clock.runUntil(watch.ended)
      expect(transitions(watch)).to.deep.equal([[0, 'pending'], [60_000, 'processing'], [120_000, 'completed']])
      expect(h.sim.log).to.have.length(3)
    })
  })

  it('sees a test-key job finished within the first few quick polls', async () => {
    h = await harness({ http })
    const watch = record(h.client().watchJob$(h.sim.createJob({ key: h.sim.testKey })), h.clock)
    await h.clock.runUntil(watch.ended)
    expect(watch.values.at(-1)?.value.status).to.equal('completed')
    expect(watch.completedAt).to.be.at.most(1_750)
    expect(h.sim.log.length).to.be.at.most(4)
  })

  it('emits a failed job, then JobFailed with its error code', async () => {
    h = await harness({ http })
    const id = h.sim.createJob({ key: h.sim.testKey, outcome: { kind: 'failure', errorCode: 'GENERATION_FAILED' } })
    const watch = record(h.client().watchJob$(id), h.clock)
    await h.clock.runUntil(watch.ended)
    expect(watch.values.at(-1)?.value.status).to.equal('failed')
    if (!isPixiiError(watch.error, 'JobFailed')) throw new Error('expected JobFailed')
    expect(watch.error.errorCode).to.equal('GENERATION_FAILED')
    expect(watch.error.job.id).to.equal(id)
  })

  describe('sharing', () => {
    it('runs one loop for every subscriber of an id; a late one gets the latest job at once', async () => {
      h = await harness({ http })
      const pixii = h.client({ apiKey: h.sim.liveKey, schedule: quickFirstSchedule })
      const id = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 5_000, processingMs: 20_000 })
      const first = record(pixii.watchJob$(id), h.clock)
      const second = record(pixii.watchJob$(id), h.clock)
      await h.clock.advance(6_000)
      expect(h.sim.log.map((entry) => entry.at)).to.deep.equal([0, 250, 750, 1_750, 3_750])
      const late = record(pixii.watchJob$(id), h.clock)
      expect(transitions(late)).to.deep.equal([[6_000, 'pending']])
      await h.clock.runUntil(() => first.ended() && second.ended() && late.ended())
      expect(transitions(first)).to.deep.equal([[0, 'pending'], [7_750, 'processing'], [27_750, 'completed']])
      expect(transitions(second)).to.deep.equal(transitions(first))
      expect(transitions(late).slice(1)).to.deep.equal(transitions(first).slice(1))
      // One loop: 0, 250, 750, 1 750, 3 750, 7 750, then every 5 s up to 27 750.
      expect(h.sim.log).to.have.length(10)
    })

    it('stops polling when the last subscriber leaves, and starts afresh for the next one', async () => {
      h = await harness({ http })
      const pixii = h.client({ apiKey: h.sim.liveKey, schedule: quickFirstSchedule })
      const id = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 60_000, processingMs: 60_000 })
      const first = record(pixii.watchJob$(id), h.clock)
      const second = record(pixii.watchJob$(id), h.clock)
      await h.clock.advance(1_000)
      expect(h.sim.log).to.have.length(3)
      first.subscription.unsubscribe()
      await h.clock.advance(1_000)
      expect(h.sim.log).to.have.length(4)
      second.subscription.unsubscribe()
      await h.clock.advance(3_600_000)
      expect(h.sim.log).to.have.length(4)
      expect(h.clock.scheduler.actions).to.have.length(0)
      const third = record(pixii.watchJob$(id), h.clock)
      await h.clock.settle()
      expect(h.sim.log).to.have.length(5)
      expect(transitions(third)).to.deep.equal([[3_602_000, 'completed']])
    })
  })

  it('aborts the request in flight on unsubscribe, and makes no request after', async () => {
    h = await harness({ http, track: false })
    h.sim.faults.inject({ kind: 'hang' })
    const watch = record(h.client().watchJob$(h.sim.createJob({ key: h.sim.testKey })), h.clock)
    await h.clock.settle()
    expect(h.sim.log).to.have.length(1)
    watch.subscription.unsubscribe()
    const aborted = await h.sim.whenAborted(1)
    expect(aborted.clientAborted).to.equal(true)
    await h.clock.advance(3_600_000)
    expect(h.sim.log).to.have.length(1)
    expect(h.clock.scheduler.actions).to.have.length(0)
  })

  describe('transient trouble', () => {
    it('rides out 500, 503, a reset, malformed JSON, an HTML page and an empty body', async () => {
      h = await harness({ http })
      for (const fault of [
        { kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'reset' },
        { kind: 'malformed-json' }, { kind: 'html' }, { kind: 'empty' },
      ] as const) h.sim.faults.inject(fault, { match: { method: 'GET' } })
      const events: PollEvent[] = []
      const id = h.sim.createJob({ key: h.sim.testKey, queuedMs: 0, processingMs: 100 })
      const watch = record(h.client({ onPoll: (event) => events.push(event) }).watchJob$(id), h.clock)
      await h.clock.runUntil(watch.ended)
      expect(watch.error).to.equal(undefined)
      expect(transitions(watch).map(([, status]) => status)).to.deep.equal(['completed'])
      expect(h.sim.log.map((entry) => entry.fault ?? 'none')).to.deep.equal([
        'status', 'status', 'reset', 'malformed-json', 'html', 'empty', 'none',
      ])
      expect(events.map(({ outcome }) => (outcome.kind === 'error' ? outcome.error._tag : outcome.kind === 'job' ? outcome.status : 'list'))).to.deep.equal([
        'Server', 'Server', 'Network', 'Network', 'Server', 'Network', 'completed',
      ])
      expect(events.slice(0, 6).map(({ decision }) => decision.kind === 'wait' && decision.reason)).to.deep.equal(
        Array(6).fill('backoff'),
      )
    })

    it('waits exactly as long as Retry-After says, in seconds and as an HTTP date', async () => {
      h = await harness({ http })
      h.sim.faults.inject({ kind: 'rate-limit', retryAfter: 7 }, { match: { method: 'GET' } })
      h.sim.faults.inject({ kind: 'rate-limit', retryAfter: 'http-date', seconds: 12 }, { match: { method: 'GET' } })
      const id = h.sim.createJob({ key: h.sim.testKey, queuedMs: 0, processingMs: 100 })
      const watch = record(h.client().watchJob$(id), h.clock)
      await h.clock.runUntil(watch.ended)
      expect(h.sim.log.map((entry) => entry.at)).to.deep.equal([0, 7_000, 19_000])
    })

    // Pixii's clock ahead of the client's (> 0) or behind it (< 0): a Retry-After date is Pixii's time.
    for (const clockOffsetMs of [600_000, 5_000, -5_000, -600_000]) {
      const which = `${Math.abs(clockOffsetMs) / 1000} s ${clockOffsetMs > 0 ? 'ahead of' : 'behind'}`
      it(`reads a Retry-After date on Pixii's clock, ${which} the client's: against the answer's Date header`, async () => {
        h = await harness({ http, clockOffsetMs })
        h.sim.faults.inject({ kind: 'rate-limit', retryAfter: 'http-date', seconds: 12 }, { match: { method: 'GET' } })
        const id = h.sim.createJob({ key: h.sim.testKey, queuedMs: 0, processingMs: 100 })
        const watch = record(h.client().watchJob$(id), h.clock)
        await h.clock.runUntil(watch.ended)
        const first = h.sim.log[0]?.at ?? Number.NaN
        expect(h.sim.log.map((entry) => entry.at - first)).to.deep.equal([0, 12_000])
      })
    }

    for (const clockOffsetMs of [600_000, -600_000]) {
      it(`without a Date header, reads it with the offset the schedule estimated: Pixii ${clockOffsetMs > 0 ? 'ahead' : 'behind'} by 10 min`, async () => {
        h = await harness({ http, clockOffsetMs })
        // A browser hides Date across origins unless the server exposes it.
        const inner = http ? globalThis.fetch : h.sim.fetch
        const withoutDate: typeof globalThis.fetch = async (input, init) => {
          const response = await inner(input, init)
          const headers = new Headers(response.headers)
          headers.delete('date')
          return new Response(await response.arrayBuffer(), { status: response.status, headers })
        }
        const schedule = adaptiveSchedule()
        const pixii = h.client({ apiKey: h.sim.liveKey, fetch: h.clock.track(withoutDate), schedule })
        // Queued 3 s: the pending answer (its created_at) and the one that sees the start (its
        // started_at, after the pending answer's request) bracket the offset within 3 s.
        const id = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 3_000, processingMs: 600_000 })
        const watch = record(pixii.watchJob$(id), h.clock)
        await h.clock.runUntil(() => h.sim.log.length === 2)
        expect(Math.abs(schedule.clockOffsetMs() - clockOffsetMs)).to.be.at.most(3_000)
        h.sim.faults.inject({ kind: 'rate-limit', retryAfter: 'http-date', seconds: 12 }, { match: { method: 'GET' } })
        await h.clock.runUntil(() => h.sim.log.length === 4)
        watch.subscription.unsubscribe()
        const at = h.sim.log.map((entry) => entry.at)
        // Read on the client's clock, the wait would be 10 minutes longer, or none at all.
        expect((at[3] ?? Number.NaN) - (at[2] ?? Number.NaN)).to.be.within(12_000 - 4_000, 12_000 + 1_000)
      })
    }

    it('gives up after the retry budget with RetriesExhausted carrying the last error', async () => {
      h = await harness({ http })
      h.sim.faults.rate({ kind: 'status', status: 503 }, 1)
      const watch = record(h.client().watchJob$(h.sim.createJob({ key: h.sim.testKey })), h.clock)
      await h.clock.runUntil(watch.ended)
      if (!isPixiiError(watch.error, 'RetriesExhausted')) throw new Error(`expected RetriesExhausted, got ${String(watch.error)}`)
      expect(watch.error.attempts).to.equal(9)
      expect(watch.error.lastError._tag).to.equal('Server')
      expect(watch.error.cause).to.equal(watch.error.lastError)
      expect(h.sim.log).to.have.length(9)
    })

    it('never emits a status that goes backwards when the server answers a stale one', async () => {
      h = await harness({ http })
      const id = h.sim.createJob({ key: h.sim.testKey, queuedMs: 100, processingMs: 2_000 })
      const pixii = h.client({ schedule: fixedSchedule(500) })
      const watch = record(pixii.watchJob$(id), h.clock)
      await h.clock.advance(600)
      h.sim.faults.inject({ kind: 'stale' })
      await h.clock.runUntil(watch.ended)
      expect(h.sim.log.map((entry) => entry.fault ?? 'none')).to.include('stale')
      expect(transitions(watch)).to.deep.equal([[0, 'pending'], [500, 'processing'], [2_500, 'completed']])
    })
  })

  describe('errors that end the watch at once', () => {
    it('JobNotFound for another organisation’s job, after one request', async () => {
      h = await harness({ http })
      const id = h.sim.createJob({ key: h.sim.otherOrgKey })
      const watch = record(h.client().watchJob$(id), h.clock)
      await h.clock.runUntil(watch.ended)
      expect(isPixiiError(watch.error, 'JobNotFound')).to.equal(true)
      expect(h.sim.log).to.have.length(1)
    })

    it('Unauthorized for an unknown key, after one request', async () => {
      h = await harness({ http })
      const watch = record(h.client({ apiKey: 'pk_test_unknown' }).watchJob$(h.sim.createJob({ key: h.sim.testKey })), h.clock)
      await h.clock.runUntil(watch.ended)
      expect(isPixiiError(watch.error, 'Unauthorized')).to.equal(true)
      expect(h.sim.log).to.have.length(1)
    })

    it('ValidationError for an id that cannot be one, without any request', async () => {
      h = await harness({ http })
      for (const id of ['', '../jobs', 'a?b', 'x'.repeat(129)]) {
        const watch = record(h.client().watchJob$(id), h.clock)
        await h.clock.settle()
        if (!isPixiiError(watch.error, 'Validation')) throw new Error('expected ValidationError')
        expect(watch.error.field).to.equal('jobId')
      }
      expect(h.sim.log).to.have.length(0)
    })

    it('DecodeError for a status the contract does not know, without retrying', async () => {
      h = await harness({ http })
      const id = h.sim.createJob({ key: h.sim.testKey })
      const renamed = async (url: string, init: RequestInit): Promise<Response> => {
        const answer = await (http ? globalThis.fetch : h.sim.fetch)(url, init)
        const job = (await answer.json()) as Record<string, unknown>
        return new Response(JSON.stringify({ ...job, status: 'done' }), { status: answer.status, headers: answer.headers })
      }
      const watch = record(h.client({ fetch: h.clock.track(renamed) }).watchJob$(id), h.clock)
      await h.clock.runUntil(watch.ended)
      if (!isPixiiError(watch.error, 'Decode')) throw new Error('expected DecodeError')
      expect(watch.error.message).to.equal(
        `GET /v1/api/jobs/${id} answered a Job that does not decode: ` +
          'status: expected "pending" | "processing" | "completed" | "failed", got "done"',
      )
      expect(h.sim.log).to.have.length(1)
    })

    it('refuses bad watch options with a ValidationError at subscription', async () => {
      h = await harness({ http })
      const watch = record(h.client().watchJob$('job_1', { retry: { maxConsecutiveFailures: -1 } }), h.clock)
      if (!isPixiiError(watch.error, 'Validation')) throw new Error('expected ValidationError')
      expect(watch.error.message).to.equal(
        'Invalid watchJob$ options: retry.maxConsecutiveFailures: expected an integer ≥ 0, got -1',
      )
    })
  })
})
