// The proxy's job stream (GET /v1/api/jobs/{id}/events): one upstream watch per job shared by every
// connection, heartbeats through idle periods, Last-Event-ID, the end after the final state, and
// no upstream request once the last connection has gone. Pixii is the simulator in memory, timed
// by a virtual clock; the connections are real sockets to the proxy.
import { expect } from 'chai'
import { lastValueFrom } from 'rxjs'
import { createPixiiClient, fixedSchedule } from '../../src/index.js'
import { createJobTokens, createPixiiProxy, type PixiiProxyOptions } from '../../src/proxy/index.js'
import { createSimulator, type Simulator } from '../../src/testing/index.js'
import { VirtualClock } from '../support/virtualTime.js'
import { openEventStream, type EventStream } from './eventStream.js'
import { eventLog, serve, type Served } from './proxyServer.js'

const jobGets = (simulator: Simulator, id?: string): number =>
  simulator.log.filter((entry) => entry.method === 'GET' && (id === undefined ? /^\/v1\/api\/jobs\/[^/]+$/.test(entry.path) : entry.path === `/v1/api/jobs/${id}`)).length

describe('createPixiiProxy job stream (Server-Sent Events)', () => {
  let clock: VirtualClock
  let simulator: Simulator
  let proxy: Served | undefined
  let log: ReturnType<typeof eventLog>
  let streams: EventStream[]

  beforeEach(() => {
    clock = new VirtualClock()
    simulator = createSimulator({ scheduler: clock.scheduler })
    log = eventLog()
    streams = []
  })
  afterEach(async () => {
    for (const stream of streams) stream.close()
    await proxy?.close()
    proxy = undefined
    await simulator.close()
  })

  async function start(options: Partial<PixiiProxyOptions> = {}): Promise<string> {
    const handler = createPixiiProxy({
      apiKey: simulator.testKey,
      fetch: clock.track(simulator.fetch),
      scheduler: clock.scheduler,
      allow: ['getJob', 'watchJob'],
      watchSchedule: fixedSchedule(1_000),
      heartbeatMs: 5_000,
      onRequest: log.onRequest,
      ...options,
    })
    proxy = await serve(handler)
    return proxy.url
  }

  /** Opens a stream and waits until the proxy has subscribed it (its first comment came). */
  async function connect(url: string, headers?: Record<string, string>): Promise<EventStream> {
    const stream = await openEventStream(url, headers)
    streams.push(stream)
    if (stream.status === 200) await stream.comment(1)
    return stream
  }

  const streamsEnded = (n: number) => () => log.events.filter((event) => event.route === 'watchJob' && event.outcome === 'forwarded').length >= n

  it('serves 50 connections on 10 jobs with the upstream requests of 10 watches', async () => {
    const ids = Array.from({ length: 10 }, (_, n) => simulator.createJob({ key: simulator.testKey, queuedMs: 1_500 + 500 * n, processingMs: 4_000 }))
    const url = await start()
    for (const id of ids) for (let n = 0; n < 5; n += 1) await connect(`${url}/v1/api/jobs/${id}/events`)
    await clock.runUntil(streamsEnded(50))
    await Promise.all(streams.map((stream) => stream.ended))
    for (const [n, stream] of streams.entries()) {
      const id = ids[Math.floor(n / 5)] as string
      expect(stream.headers['content-type']).to.equal('text/event-stream; charset=utf-8')
      expect(stream.events.map((event) => `${event.event} ${event.id}`)).to.deep.equal(['job pending', 'job processing', 'job completed'])
      expect(stream.events.map((event) => (JSON.parse(event.data) as { id: string }).id)).to.deep.equal([id, id, id])
    }
    const throughProxy = jobGets(simulator)

    // The same 10 jobs watched by 10 watches of one client, straight at the simulator.
    const baselineClock = new VirtualClock()
    const baseline = createSimulator({ scheduler: baselineClock.scheduler })
    const baselineIds = Array.from({ length: 10 }, (_, n) => baseline.createJob({ key: baseline.testKey, queuedMs: 1_500 + 500 * n, processingMs: 4_000 }))
    const client = createPixiiClient({ apiKey: baseline.testKey, fetch: baselineClock.track(baseline.fetch), scheduler: baselineClock.scheduler, schedule: fixedSchedule(1_000) })
    const watched = Promise.all(baselineIds.map((id) => lastValueFrom(client.watchJob$(id))))
    await baselineClock.runUntil(() => baselineIds.every((id) => baseline.truth(id).at(-1)?.status === 'completed') && jobGets(baseline) > 0 && baselineClock.scheduler.actions.length === 0)
    await watched
    const tenWatches = jobGets(baseline)
    await baseline.close()

    console.log(`      50 connections on 10 jobs: ${throughProxy} upstream job requests; 10 watches: ${tenWatches}`)
    expect(throughProxy).to.equal(tenWatches)
    for (const [n, id] of ids.entries()) expect(jobGets(simulator, id), id).to.equal(jobGets(baseline, baselineIds[n]))
  })

  it('sends a comment line through idle periods, on the proxy’s scheduler', async () => {
    const id = simulator.createJob({ key: simulator.testKey, queuedMs: 600_000, processingMs: 1_000 })
    const url = await start({ watchSchedule: fixedSchedule(60_000) })
    const stream = await connect(`${url}/v1/api/jobs/${id}/events`)
    await clock.advance(0)
    await stream.event(1)
    await clock.advance(20_000)
    await stream.comment(5)
    expect(stream.comments).to.deep.equal(['open', 'heartbeat', 'heartbeat', 'heartbeat', 'heartbeat'])
    expect(jobGets(simulator)).to.equal(1)
  })

  it('answers a reconnection with the current state at once, and one that has the end with 204', async () => {
    const id = simulator.createJob({ key: simulator.testKey, queuedMs: 1_000, processingMs: 600_000 })
    const url = await start()
    const first = await connect(`${url}/v1/api/jobs/${id}/events`)
    await clock.advance(2_000)
    await first.event(2)
    const before = jobGets(simulator)
    const again = await connect(`${url}/v1/api/jobs/${id}/events`, { 'last-event-id': 'pending' })
    const current = await again.event(1)
    expect(`${current.event} ${current.id}`).to.equal('job processing')
    expect(jobGets(simulator), 'no request for it').to.equal(before)
    const done = await openEventStream(`${url}/v1/api/jobs/${id}/events`, { 'last-event-id': 'completed' })
    expect(done.status).to.equal(204)
    await done.ended
    expect(jobGets(simulator)).to.equal(before)
  })

  it('stops the job’s upstream watch when the last connection goes, not before', async () => {
    const id = simulator.createJob({ key: simulator.testKey, queuedMs: 600_000, processingMs: 1_000 })
    const url = await start()
    const [a, b, c] = [await connect(`${url}/v1/api/jobs/${id}/events`), await connect(`${url}/v1/api/jobs/${id}/events`), await connect(`${url}/v1/api/jobs/${id}/events`)]
    await clock.advance(0)
    a?.close()
    b?.close()
    await log.seq(2)
    await clock.advance(3_000)
    const whileOneStays = jobGets(simulator)
    expect(whileOneStays).to.equal(4)
    c?.close()
    await log.seq(3)
    await clock.advance(3_600_000)
    expect(jobGets(simulator), 'no request after the last one left').to.equal(whileOneStays)
    expect(log.events.map((event) => event.outcome)).to.deep.equal(['client-gone', 'client-gone', 'client-gone'])
  })

  it('ends after a failed job with its last event, and reports a failure before that as a problem', async () => {
    const failing = simulator.createJob({ key: simulator.testKey, queuedMs: 0, processingMs: 1_000, outcome: { kind: 'failure' } })
    const url = await start()
    const failed = await connect(`${url}/v1/api/jobs/${failing}/events`)
    const unknown = await connect(`${url}/v1/api/jobs/job_nobody_knows/events`)
    await clock.runUntil(streamsEnded(2))
    await Promise.all([failed.ended, unknown.ended])
    expect(failed.events.map((event) => `${event.event} ${event.id}`)).to.deep.equal(['job processing', 'job failed'])
    expect(unknown.events.map((event) => event.event)).to.deep.equal(['problem'])
    expect(JSON.parse(unknown.events[0]?.data ?? '')).to.include({ code: 'JOB_NOT_FOUND' })
  })

  it('applies authorization to the stream: a token for exactly that job, none refused before any request', async () => {
    const tokens = createJobTokens({ keys: { k1: 'the signing secret, at least thirty-two bytes long' }, scheduler: clock.scheduler })
    const [mine, theirs] = [simulator.createJob({ key: simulator.testKey, queuedMs: 0, processingMs: 1_000 }), simulator.createJob({ key: simulator.testKey })]
    const url = await start({ jobTokens: tokens })
    const none = await openEventStream(`${url}/v1/api/jobs/${mine}/events`)
    const other = await openEventStream(`${url}/v1/api/jobs/${theirs}/events?token=${tokens.issue(mine)}`)
    expect([none.status, other.status]).to.deep.equal([401, 403])
    expect(none.headers['content-type']).to.equal('application/json; charset=utf-8')
    await Promise.all([none.ended, other.ended])
    expect(simulator.log).to.have.length(0)
    // EventSource sends no headers of the page's choosing: the token goes in the query.
    const allowed = await connect(`${url}/v1/api/jobs/${mine}/events?token=${tokens.issue(mine)}`)
    await clock.runUntil(streamsEnded(1))
    await allowed.ended
    expect(allowed.events.map((event) => event.id)).to.deep.equal(['processing', 'completed'])
    expect(simulator.log.every((entry) => entry.path === `/v1/api/jobs/${mine}`)).to.equal(true)
  })

  it('refuses the stream when watchJob is not allowed', async () => {
    const url = await start({ allow: ['getJob'] })
    const refused = await openEventStream(`${url}/v1/api/jobs/job_1/events`)
    expect(refused.status).to.equal(403)
    await refused.ended
    expect(simulator.log).to.have.length(0)
  })
})
