// watchJob$ with serverPush: the proxy's stream when it offers one (read with fetch, in Node as
// in a browser), polling when it does not (remembered for the client's later watches) and when
// a stream breaks before the end (from where it was, never repeating a status); the job token
// on the stream and on the polls. Without serverPush nothing changes: no stream is tried.
import { expect } from 'chai'
import { firstValueFrom, lastValueFrom, map, toArray } from 'rxjs'
import { createPixiiClient, fixedSchedule, isPixiiError } from '../../src/index.js'
import { createJobTokens, createPixiiProxy } from '../../src/proxy/index.js'
import { serverSentEvents } from '../../src/watcher/index.js'
import { createSimulator, type Simulator } from '../../src/testing/index.js'
import { eventLog, serve, type Served } from '../proxy/proxyServer.js'
import { jobBody, startHostileServer } from '../support/hostileServer.js'
import { VirtualClock } from '../support/virtualTime.js'

const statuses = map((jobs: readonly { status: string }[]) => jobs.map((job) => job.status).join(' → '))
const streamsOf = (simulator: Simulator): number => simulator.log.filter((entry) => entry.path.endsWith('/events')).length

describe('watchJob$ with serverPush', () => {
  describe('through a pixii-rx/proxy', () => {
    let clock: VirtualClock
    let simulator: Simulator
    let proxy: Served
    let log: ReturnType<typeof eventLog>
    const tokens = createJobTokens({ keys: { k1: 'the signing secret, at least thirty-two bytes long' } })

    beforeEach(async () => {
      clock = new VirtualClock()
      simulator = createSimulator({ scheduler: clock.scheduler })
      log = eventLog()
      proxy = await serve(
        createPixiiProxy({
          apiKey: simulator.testKey,
          fetch: clock.track(simulator.fetch),
          scheduler: clock.scheduler,
          allow: ['getJob', 'watchJob'],
          watchSchedule: fixedSchedule(1_000),
          jobTokens: tokens,
          onRequest: log.onRequest,
        }),
      )
    })
    afterEach(async () => {
      await proxy.close()
      await simulator.close()
    })

    const streamsEnded = (n: number) => () => log.events.filter((event) => event.route === 'watchJob' && event.outcome !== 'refused').length >= n

    it('watches through the stream: one connection for every watch of the job in a client, no polling', async () => {
      const id = simulator.createJob({ key: simulator.testKey, queuedMs: 1_500, processingMs: 2_000 })
      const token = tokens.issue(id)
      const tab = () => createPixiiClient({ apiKey: 'pk_test_not_sent_upstream', baseUrl: proxy.url, serverPush: serverSentEvents })
      const [first, second] = [tab(), tab()]
      const watched = [first, first, first, second].map((client) => lastValueFrom(client.watchJob$(id, { token }).pipe(toArray(), statuses)))
      await firstValueFrom(simulator.requests$)
      await clock.runUntil(streamsEnded(2))
      expect(await Promise.all(watched)).to.deep.equal(Array<string>(4).fill('pending → processing → completed'))
      expect(log.events.map((event) => `${event.route} ${event.outcome} ${event.status}`)).to.deep.equal(['watchJob forwarded 200', 'watchJob forwarded 200'])
      expect(simulator.log.every((entry) => entry.path === `/v1/api/jobs/${id}`)).to.equal(true)
    })

    it('closes the stream when the last watch unsubscribes: the proxy stops asking Pixii', async () => {
      const id = simulator.createJob({ key: simulator.testKey, queuedMs: 600_000, processingMs: 1_000 })
      const client = createPixiiClient({ apiKey: 'pk_test_not_sent_upstream', baseUrl: proxy.url, serverPush: serverSentEvents })
      let first: (status: string) => void = () => undefined
      const seen = new Promise<string>((resolve) => (first = resolve))
      const subscription = client.watchJob$(id, { token: tokens.issue(id) }).subscribe((job) => first(job.status))
      await firstValueFrom(simulator.requests$)
      expect(await seen).to.equal('pending')
      subscription.unsubscribe()
      await log.seq(1)
      const asked = simulator.log.length
      await clock.advance(3_600_000)
      expect(log.events.map((event) => `${event.route} ${event.outcome}`)).to.deep.equal(['watchJob client-gone'])
      expect(simulator.log.length, 'no request after the browser left').to.equal(asked)
    })

    it('polls with the token when the stream is refused, and reports the refusal as a typed error', async () => {
      const id = simulator.createJob({ key: simulator.testKey, queuedMs: 0, processingMs: 0 })
      const client = createPixiiClient({ apiKey: 'pk_test_not_sent_upstream', baseUrl: proxy.url, serverPush: serverSentEvents, retry: { maxConsecutiveFailures: 0 } })
      const refused = await lastValueFrom(client.watchJob$(id, { token: tokens.issue('job_other') })).catch((error: unknown) => error)
      expect(isPixiiError(refused, 'Unauthorized') && [refused.context.status, refused.context.serverCode]).to.deep.equal([403, 'FORBIDDEN'])
      expect(log.events.map((event) => `${event.route} ${event.status}`)).to.deep.equal(['watchJob 403', 'getJob 403'])
      expect(simulator.log).to.have.length(0)
      const many = await lastValueFrom(client.watchJobs$([id], { token: 'x' })).catch((error: unknown) => error)
      expect(isPixiiError(many, 'Validation') && many.message).to.equal('Invalid watchJobs$ options: token: a job token opens one job: give it to watchJob$')
    })
  })

  it('polls when the server has no stream, and does not ask again for the client’s later watches', async () => {
    const clock = new VirtualClock()
    const simulator = createSimulator({ scheduler: clock.scheduler })
    const [a, b] = [0, 1].map(() => simulator.createJob({ key: simulator.testKey, queuedMs: 0, processingMs: 2_500 }))
    const client = createPixiiClient({ apiKey: simulator.testKey, fetch: clock.track(simulator.fetch), scheduler: clock.scheduler, schedule: fixedSchedule(1_000), serverPush: serverSentEvents })
    const first = lastValueFrom(client.watchJob$(a as string).pipe(toArray(), statuses))
    await clock.runUntil(() => simulator.log.length >= 2)
    const second = lastValueFrom(client.watchJob$(b as string).pipe(toArray(), statuses))
    await clock.runUntil(() => clock.scheduler.actions.length === 0 && simulator.log.length > 2)
    expect([await first, await second]).to.deep.equal(['processing → completed', 'processing → completed'])
    expect(streamsOf(simulator), 'one look for a stream').to.equal(1)

    const plain = createPixiiClient({ apiKey: simulator.testKey, fetch: clock.track(simulator.fetch), scheduler: clock.scheduler, schedule: fixedSchedule(1_000) })
    const before = streamsOf(simulator)
    const third = lastValueFrom(plain.watchJob$(a as string))
    await clock.settle()
    expect((await third).status).to.equal('completed')
    expect(streamsOf(simulator), 'without serverPush no stream is tried').to.equal(before)
    await simulator.close()
  })

  it('goes on by polling when a stream breaks before the end, never repeating a status', async () => {
    const id = 'job_broken_stream'
    let polls = 0
    const hostile = await startHostileServer((request) => {
      if (request.url.pathname.endsWith('/events')) {
        return (res) => {
          res.writeHead(200, { 'content-type': 'text/event-stream' })
          res.end(`: open\n\nid: pending\nevent: job\ndata: ${JSON.stringify(jobBody({ id, status: 'pending', completed_at: null, started_at: null, output: null }))}\n\n`)
        }
      }
      polls += 1
      return { body: polls === 1 ? jobBody({ id, status: 'pending', completed_at: null, started_at: null, output: null }) : jobBody({ id }) }
    })
    const clock = new VirtualClock()
    try {
      const client = createPixiiClient({ apiKey: 'pk_test_abc', baseUrl: hostile.url, fetch: clock.track(globalThis.fetch), scheduler: clock.scheduler, schedule: fixedSchedule(1_000), serverPush: serverSentEvents })
      let seen = ''
      const watched = lastValueFrom(client.watchJob$(id).pipe(toArray(), statuses)).then((text) => (seen = text))
      await clock.runUntil(() => seen !== '')
      await watched
      expect(seen).to.equal('pending → completed')
      expect(hostile.requests.map((request) => request.url.pathname)).to.deep.equal([`/v1/api/jobs/${id}/events`, `/v1/api/jobs/${id}`, `/v1/api/jobs/${id}`])
      expect(hostile.requests[0]?.headers.accept).to.equal('text/event-stream')
    } finally {
      await hostile.close()
    }
  })

  it('takes a JobPush, and refuses the boolean of before with a ValidationError naming serverPush', () => {
    let caught: unknown
    try {
      createPixiiClient({ apiKey: 'pk_test_abc', serverPush: true as never })
    } catch (error) {
      caught = error
    }
    expect(isPixiiError(caught) && caught._tag === 'Validation' ? caught.issues : caught).to.deep.equal([{ path: 'serverPush', message: 'expected a function' }])
  })
})
