// Every answer about a job must be about the job asked for. A hostile (or broken) server of our
// own on loopback answers `GET /v1/api/jobs/job_MINE` with the record of `job_SOMEONE_ELSE`.
import { expect } from 'chai'
import { lastValueFrom } from 'rxjs'
import { createPixiiClient, isPixiiError, type JobEvent, type PixiiClient, type PixiiError } from '../../src/index.js'
import { getJob$ } from '../../src/api/getJob.js'
import { jobBody, pageBody, startHostileServer, summaryBody, type HostileServer } from '../support/hostileServer.js'
import { VirtualClock } from '../support/virtualTime.js'
import { record } from '../support/watchHarness.js'

const ASIN = 'B0CHX1W1XY'
const MINE = 'job_MINE'

/** A server whose every job answer is the record of `job_SOMEONE_ELSE` (completed), and whose listing holds the ids asked about. */
function aboutAnotherJob(listed: readonly string[] = []) {
  return startHostileServer((request) =>
    request.url.pathname === '/v1/api/jobs'
      ? { body: pageBody({ data: listed.map((id) => summaryBody(id, 'completed')), total: listed.length, limit: 100 }) }
      : { body: jobBody({ id: 'job_SOMEONE_ELSE' }) },
  )
}

function decodeErrorOf(error: unknown): Extract<PixiiError, { _tag: 'Decode' }> {
  if (!isPixiiError(error, 'Decode')) throw new Error(`expected a DecodeError, got ${String(error)}`)
  return error
}

describe('answers about another job', () => {
  let server: HostileServer
  let clock: VirtualClock
  let pixii: PixiiClient
  const connect = async (listed?: readonly string[], apiKey = 'pk_test_abc'): Promise<void> => {
    server = await aboutAnotherJob(listed)
    clock = new VirtualClock()
    pixii = createPixiiClient({ apiKey, baseUrl: server.url, fetch: clock.track(globalThis.fetch), scheduler: clock.scheduler, random: () => 0.5 })
  }
  afterEach(async () => server.close())

  it('getJob$ fails with a DecodeError at path id, after one request', async () => {
    await connect()
    const config = { baseUrl: server.url, apiKey: 'pk_test_abc', fetch: globalThis.fetch, scheduler: clock.scheduler, requestTimeoutMs: 5_000, maxBodyBytes: 1_000_000 }
    const error = decodeErrorOf(await lastValueFrom(getJob$(config, MINE)).then(() => undefined, (e: unknown) => e))
    expect(error.retryable).to.equal(false)
    expect(error.issues).to.deep.equal([{ path: 'id', expected: '"job_MINE"', actual: 'job_SOMEONE_ELSE' }])
    expect(error.message).to.equal(
      'GET /v1/api/jobs/job_MINE answered about another job: id: expected "job_MINE", got "job_SOMEONE_ELSE"; its record was not used',
    )
    expect(error.context).to.include({ method: 'GET', path: '/v1/api/jobs/job_MINE', jobId: MINE, status: 200 })
    expect(server.count()).to.equal(1)
  })

  it('redacts the client key from the id that came', async () => {
    server = await startHostileServer(() => ({ body: jobBody({ id: 'job_leak_mykey-123' }) }))
    clock = new VirtualClock()
    pixii = createPixiiClient({ apiKey: 'mykey-123', baseUrl: server.url, fetch: globalThis.fetch, scheduler: clock.scheduler })
    const error = decodeErrorOf(await lastValueFrom(pixii.getJob$(MINE)).then(() => undefined, (e: unknown) => e))
    expect(error.issues[0]?.actual).to.equal('job_leak_[redacted]')
    expect(error.message).not.to.include('mykey-123')
  })

  it('watchJob$ emits nothing, ends with the DecodeError at once, and never asks again', async () => {
    await connect()
    const watch = record(pixii.watchJob$(MINE), clock)
    await clock.runUntil(watch.ended)
    expect(watch.values).to.deep.equal([])
    expect(decodeErrorOf(watch.error).issues[0]?.path).to.equal('id')
    await clock.advance(3_600_000)
    expect(server.count(), 'one request, no retry in an hour').to.equal(1)
  })

  it('watchJobs$ reports an error event for each job read on its own, and emits none of the records', async () => {
    await connect()
    const watch = record(pixii.watchJobs$([MINE, 'job_ALSO_MINE']), clock)
    await clock.runUntil(watch.ended)
    const events = watch.values.map(({ value }) => value)
    expect(events.map((event) => `${event.id} ${event.kind}`).sort()).to.deep.equal(['job_ALSO_MINE error', 'job_MINE error'])
    for (const event of events) if (event.kind === 'error') expect(decodeErrorOf(event.error).issues[0]?.path).to.equal('id')
    await clock.advance(3_600_000)
    expect(server.count()).to.equal(2)
  })

  it('watchJobs$ batched by ASIN: a finished job whose record is about another job is an error event, read once', async () => {
    const ids = [MINE, 'job_ALSO_MINE']
    await connect(ids)
    const watch = record(pixii.watchJobs$(ids.map((id) => ({ id, asin: ASIN }))), clock)
    await clock.runUntil(watch.ended)
    const events: JobEvent[] = watch.values.map(({ value }) => value)
    expect(events.map((event) => `${event.id} ${event.kind}`).sort()).to.deep.equal(['job_ALSO_MINE error', 'job_MINE error'])
    for (const event of events) if (event.kind === 'error') expect(decodeErrorOf(event.error).issues[0]?.path).to.equal('id')
    await clock.advance(3_600_000)
    expect([server.count('/v1/api/jobs/'), server.count()]).to.deep.equal([2, 3])
  })
})
