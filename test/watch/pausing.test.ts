import { expect } from 'chai'
import { fixedSchedule, isPixiiError, type PollEvent } from '../../src/index.js'
import type { ConnectionState } from '../../src/advanced/index.js'
import { createTestPage, type TestPage } from '../../src/testing/index.js'
import { harness, record, transitions, type Harness } from '../support/watchHarness.js'

// A watch in a browser tab, in virtual time: the page is one the test shows, hides, and takes
// offline, as a user switching tabs or losing Wi-Fi does.
describe('watchJob$ in a page that is hidden or offline, in virtual time', () => {
  let h: Harness
  let page: TestPage
  afterEach(async () => h.close())

  // Pending until 10 s, processing until 30 s.
  const start = async (options: { visible?: boolean; online?: boolean; pauseWhenHidden?: boolean } = {}) => {
    const { pauseWhenHidden, ...initial } = options
    h = await harness()
    page = createTestPage(initial)
    const pixii = h.client({ apiKey: h.sim.liveKey, schedule: fixedSchedule(1_000), page, ...(pauseWhenHidden === undefined ? {} : { pauseWhenHidden }) })
    const id = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 10_000, processingMs: 20_000 })
    return { pixii, id }
  }
  const requestTimes = () => h.sim.log.map((entry) => entry.at)

  it('makes no request while hidden, and polls at once when shown', async () => {
    const { pixii, id } = await start()
    const states: string[] = []
    const watch = record(pixii.watchJob$(id, { onConnection: (state) => states.push(state.kind) }), h.clock)
    await h.clock.advance(2_500)
    page.set({ visible: false })
    await h.clock.advance(60_000)
    expect(requestTimes()).to.deep.equal([0, 1_000, 2_000])
    expect(watch.ended()).to.equal(false)
    page.set({ visible: true })
    await h.clock.settle()
    expect(requestTimes()).to.deep.equal([0, 1_000, 2_000, 62_500])
    await h.clock.runUntil(watch.ended)
    // Shown at 62.5 s, long after the job finished: one request brought the finished job.
    expect(transitions(watch)).to.deep.equal([[0, 'pending'], [62_500, 'completed']])
    expect(states).to.deep.equal(['online', 'hidden', 'online'])
    expect(page.listeners()).to.equal(0)
  })

  it('starts in a hidden page without a request, and polls when the page is shown', async () => {
    const { pixii, id } = await start({ visible: false })
    const states: ConnectionState[] = []
    const watch = record(pixii.watchJob$(id, { onConnection: (state) => states.push(state) }), h.clock)
    await h.clock.advance(5_000)
    expect(requestTimes()).to.deep.equal([])
    page.set({ visible: true })
    await h.clock.advance(1_500)
    expect(requestTimes()).to.deep.equal([5_000, 6_000])
    expect(transitions(watch)).to.deep.equal([[5_000, 'pending']])
    expect(states.map((state) => state.kind)).to.deep.equal(['online', 'hidden', 'online'])
    watch.subscription.unsubscribe()
    expect(page.listeners()).to.equal(0)
  })

  it('polls at once when shown while it waits for the next poll, not at the timer', async () => {
    const { pixii, id } = await start()
    const watch = record(pixii.watchJob$(id, { schedule: fixedSchedule(10_000) }), h.clock)
    await h.clock.advance(3_000)
    page.set({ visible: false })
    await h.clock.advance(1_000)
    page.set({ visible: true })
    await h.clock.advance(9_500)
    // Shown at 4 s: polled then, and 10 s after that, not at 10 s.
    expect(requestTimes()).to.deep.equal([0, 4_000])
    watch.subscription.unsubscribe()
  })

  it('keeps polling in a hidden page with pauseWhenHidden: false, on the client or on the watch', async () => {
    const { pixii, id } = await start({ visible: false, pauseWhenHidden: false })
    const watch = record(pixii.watchJob$(id), h.clock)
    await h.clock.advance(2_500)
    expect(requestTimes()).to.deep.equal([0, 1_000, 2_000])
    watch.subscription.unsubscribe()
    const { pixii: other, id: otherId } = await start({ visible: false })
    const own = record(other.watchJob$(otherId, { pauseWhenHidden: false }), h.clock)
    await h.clock.advance(1_500)
    expect(requestTimes()).to.deep.equal([0, 1_000])
    own.subscription.unsubscribe()
  })

  it('makes no request while offline, spends no retry, and polls at once when back online', async () => {
    const { pixii, id } = await start()
    const states: string[] = []
    const polls: PollEvent[] = []
    const watch = record(pixii.watchJob$(id, { onConnection: (state) => states.push(state.kind), onPoll: (poll) => polls.push(poll) }), h.clock)
    await h.clock.advance(1_500)
    page.set({ online: false })
    await h.clock.advance(6_000)
    expect(requestTimes()).to.deep.equal([0, 1_000])
    page.set({ online: true })
    await h.clock.settle()
    expect(requestTimes()).to.deep.equal([0, 1_000, 7_500])
    expect(states).to.deep.equal(['online', 'offline', 'online'])
    await h.clock.runUntil(watch.ended)
    expect(watch.completedAt).to.equal(30_500)
    expect(polls.every((poll) => poll.outcome.kind === 'job')).to.equal(true)
  })

  it('reports reconnecting after a transient failure, and polls at once when the network is back', async () => {
    const { pixii, id } = await start()
    h.sim.faults.inject({ kind: 'reset' }, { times: 3 })
    const states: ConnectionState[] = []
    const watch = record(pixii.watchJob$(id, { onConnection: (state) => states.push(state) }), h.clock)
    await h.clock.settle()
    expect(states.map((state) => state.kind)).to.deep.equal(['online', 'reconnecting'])
    const reconnecting = states[1]
    if (reconnecting?.kind !== 'reconnecting') throw new Error('expected reconnecting')
    expect(reconnecting.failures).to.equal(1)
    expect(reconnecting.retryInMs).to.be.greaterThan(0)
    expect(isPixiiError(reconnecting.error, 'Network')).to.equal(true)
    // The network drops during the backoff, and comes back 100 ms later: the poll goes at once.
    page.set({ online: false })
    await h.clock.advance(100)
    page.set({ online: true })
    await h.clock.settle()
    expect(requestTimes()).to.deep.equal([0, 100])
    expect(states.map((state) => state.kind)).to.deep.equal(['online', 'reconnecting', 'offline', 'reconnecting'])
    await h.clock.runUntil(() => states.at(-1)?.kind === 'online')
    expect(states.map((state) => (state.kind === 'reconnecting' ? state.failures : state.kind))).to.deep.equal(['online', 1, 'offline', 2, 3, 'online'])
    watch.subscription.unsubscribe()
  })

  it('pauses, without counting a failure, when a request fails because the browser went offline', async () => {
    h = await harness()
    page = createTestPage()
    let dropNext = false
    const fetch = (input: string, init: RequestInit): Promise<Response> => {
      if (!dropNext) return h.sim.fetch(input, init)
      dropNext = false
      page.set({ online: false }) // what the browser says when the network goes mid-request
      return Promise.reject(new TypeError('Failed to fetch'))
    }
    const pixii = h.client({ apiKey: h.sim.liveKey, schedule: fixedSchedule(1_000), page, fetch: h.clock.track(fetch), retry: { maxConsecutiveFailures: 0 } })
    const id = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 10_000, processingMs: 20_000 })
    const polls: PollEvent[] = []
    const watch = record(pixii.watchJob$(id, { onPoll: (poll) => polls.push(poll) }), h.clock)
    await h.clock.advance(500)
    dropNext = true
    await h.clock.advance(5_000)
    // With no retry budget at all, the watch is still alive: an offline failure spends none.
    expect(watch.error).to.equal(undefined)
    expect(polls.map((poll) => poll.decision)).to.deep.equal([
      { kind: 'wait', reason: 'schedule', delayMs: 1_000 },
      { kind: 'wait', reason: 'offline', delayMs: Infinity },
    ])
    page.set({ online: true })
    await h.clock.runUntil(watch.ended)
    expect(watch.values.at(-1)?.value.status).to.equal('completed')
  })

  it('tells every subscriber of a shared loop, a late one at once', async () => {
    const { pixii, id } = await start()
    const first: string[] = []
    const second: string[] = []
    const a = record(pixii.watchJob$(id, { onConnection: (state) => first.push(state.kind) }), h.clock)
    await h.clock.advance(500)
    page.set({ visible: false })
    await h.clock.advance(1_000)
    const b = record(pixii.watchJob$(id, { onConnection: (state) => second.push(state.kind) }), h.clock)
    page.set({ visible: true })
    await h.clock.settle()
    expect(first).to.deep.equal(['online', 'hidden', 'online'])
    expect(second).to.deep.equal(['hidden', 'online'])
    expect(requestTimes()).to.deep.equal([0, 1_500])
    a.subscription.unsubscribe()
    b.subscription.unsubscribe()
    expect(page.listeners()).to.equal(0)
  })

  it('keeps telling a subscriber when another that gave the same callback leaves', async () => {
    const { pixii, id } = await start()
    const heard: string[] = []
    const polls: number[] = []
    const tell = (state: ConnectionState) => heard.push(state.kind)
    const count = (event: PollEvent) => polls.push(event.attempt)
    const a = record(pixii.watchJob$(id, { onConnection: tell, onPoll: count }), h.clock)
    const b = record(pixii.watchJob$(id, { onConnection: tell, onPoll: count }), h.clock)
    await h.clock.advance(500)
    a.subscription.unsubscribe()
    page.set({ visible: false })
    await h.clock.advance(1_000)
    page.set({ visible: true })
    await h.clock.settle()
    // Joined twice, each told 'online' at once; then only b's listener is left, and it still hears.
    expect(heard).to.deep.equal(['online', 'online', 'hidden', 'online'])
    // The first poll reached both; the one on showing the page reached b alone.
    expect(polls).to.deep.equal([1, 1, 2])
    b.subscription.unsubscribe()
  })

  it('refuses a page without listen() and a pauseWhenHidden that is not a boolean, naming each', async () => {
    h = await harness()
    expect(() => h.client({ page: {} as never })).to.throw(/page: expected an object with a listen\(\) method/)
    const watch = record(h.client().watchJob$('job_1', { pauseWhenHidden: 'yes' as never }), h.clock)
    expect(isPixiiError(watch.error, 'Validation') && watch.error.field).to.equal('pauseWhenHidden')
    expect(h.sim.log).to.deep.equal([])
  })
})
