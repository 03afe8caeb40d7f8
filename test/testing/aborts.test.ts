import { expect } from 'chai'
import { filter, firstValueFrom, toArray } from 'rxjs'
import { createSimulator, startSimulator } from '../../src/testing/index.js'
import { listingBody, virtualClock, type Clock } from './support.js'

const outcome = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: Error) => `${e.name}: ${e.message}`,
  )

describe('simulator abort detection over HTTP', () => {
  let clock: Clock
  let sim: Awaited<ReturnType<typeof startSimulator>>
  beforeEach(async () => {
    clock = virtualClock()
    sim = await startSimulator({ scheduler: clock.scheduler })
  })
  afterEach(() => sim.close())

  const get = (path: string, signal?: AbortSignal) =>
    fetch(sim.url + path, { headers: { Authorization: `Bearer ${sim.testKey}` }, ...(signal ? { signal } : {}) })

  it('marks a hanging request clientAborted when the client aborts', async () => {
    sim.faults.inject({ kind: 'hang' })
    const controller = new AbortController()
    const answer = outcome(get('/v1/api/jobs/job_x', controller.signal))
    const entry = await firstValueFrom(sim.requests$)
    expect(entry.clientAborted).to.equal(false)
    controller.abort()
    expect(await answer).to.equal('AbortError: This operation was aborted')
    expect(await sim.whenAborted(entry.seq)).to.equal(entry)
    expect(entry).to.deep.include({ clientAborted: true })
    expect(entry).not.to.have.property('status')
    expect(await firstValueFrom(sim.aborts$)).to.equal(entry)
  })

  it('marks a request aborted during a latency fault, and does not handle it', async () => {
    sim.faults.inject({ kind: 'latency', ms: 10_000 })
    const controller = new AbortController()
    const answer = outcome(
      fetch(`${sim.url}/v1/api/listing_builder`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sim.testKey}` },
        body: JSON.stringify(listingBody),
        signal: controller.signal,
      }),
    )
    const entry = await firstValueFrom(sim.requests$)
    controller.abort()
    await sim.whenAborted(entry.seq)
    clock.advance(10_000)
    expect(await answer).to.match(/^AbortError/)
    expect(sim.jobIds()).to.deep.equal([])
    expect(clock.scheduler.actions).to.have.length(0) // the latency timer was cancelled
  })

  it('does not mark a request whose answer was delivered, even if aborted afterwards', async () => {
    const controller = new AbortController()
    const res = await get('/v1/api/jobs/job_x', controller.signal)
    await res.text()
    controller.abort()
    const [entry] = sim.log
    expect(entry).to.deep.include({ status: 404, clientAborted: false })
    expect(entry?.finishedAt).to.be.a('number')
  })

  it('destroys hanging requests on close without calling them client aborts; close is idempotent', async () => {
    sim.faults.inject({ kind: 'hang' }, { times: 2 })
    const answers = [outcome(get('/v1/api/jobs/a')), outcome(get('/v1/api/jobs/b'))]
    const arrivals = firstValueFrom(sim.requests$.pipe(toArray()))
    await firstValueFrom(sim.requests$.pipe(filter((r) => r.seq === 2)))
    const notAborted = outcome(sim.whenAborted(1))
    await Promise.all([sim.close(), sim.close()])
    for (const answer of answers) expect(await answer).to.match(/^TypeError: fetch failed/)
    expect(await notAborted).to.equal('EmptyError: no elements in sequence')
    expect((await arrivals).map((r) => r.clientAborted)).to.deep.equal([false, false])
    expect(await outcome(get('/v1/api/jobs/c'))).to.match(/^TypeError: fetch failed/)
  })
})

describe('simulator abort detection in memory', () => {
  let sim: ReturnType<typeof createSimulator>
  beforeEach(() => {
    sim = createSimulator({ scheduler: virtualClock().scheduler })
  })
  afterEach(() => sim.close())

  const get = (path: string, signal?: AbortSignal) =>
    sim.fetch(path, { headers: { Authorization: `Bearer ${sim.testKey}` }, ...(signal ? { signal } : {}) })

  it('rejects a hanging fetch with an AbortError DOMException and marks it at once', async () => {
    sim.faults.inject({ kind: 'hang' })
    const controller = new AbortController()
    const answer = get('/v1/api/jobs/job_x', controller.signal)
    controller.abort()
    expect(sim.log[0]?.clientAborted).to.equal(true)
    const error = await answer.catch((e: unknown) => e)
    expect(error).to.be.instanceOf(DOMException)
    expect((error as DOMException).name).to.equal('AbortError')
    await sim.whenAborted(1)
  })

  it('rejects with the signal reason when it is an Error (AbortSignal.timeout style)', async () => {
    sim.faults.inject({ kind: 'hang' })
    const controller = new AbortController()
    const answer = outcome(get('/v1/api/jobs/job_x', controller.signal))
    controller.abort(new DOMException('The operation timed out.', 'TimeoutError'))
    expect(await answer).to.equal('TimeoutError: The operation timed out.')
    expect(sim.log[0]?.clientAborted).to.equal(true)
  })

  it('errors the body and marks the request when aborted after the headers, before the body was read', async () => {
    const controller = new AbortController()
    const res = await get('/v1/api/jobs/job_x', controller.signal)
    expect(res.status).to.equal(404)
    controller.abort()
    expect(await outcome(res.text())).to.equal('AbortError: This operation was aborted')
    expect(sim.log[0]).to.deep.include({ status: 404, clientAborted: true })
    expect(sim.log[0]).not.to.have.property('finishedAt')
  })

  it('does not mark a request whose body was read to the end', async () => {
    const controller = new AbortController()
    const res = await get('/v1/api/jobs/job_x', controller.signal)
    await res.json()
    controller.abort()
    expect(sim.log[0]).to.deep.include({ clientAborted: false })
    expect(sim.log[0]?.finishedAt).to.be.a('number')
  })

  it('never sends a request whose signal is already aborted, like a real fetch', async () => {
    const answer = outcome(get('/v1/api/jobs/job_x', AbortSignal.abort()))
    expect(await answer).to.equal('AbortError: This operation was aborted')
    expect(sim.log).to.deep.equal([])
  })

  it('reads the signal of a Request input', async () => {
    sim.faults.inject({ kind: 'hang' })
    const controller = new AbortController()
    const request = new Request('http://anything.invalid/v1/api/jobs/job_x', { signal: controller.signal })
    const answer = outcome(sim.fetch(request))
    controller.abort()
    expect(await answer).to.match(/^AbortError/)
    expect(sim.log[0]?.clientAborted).to.equal(true)
  })

  it('rejects hanging fetches on close, replays and completes its streams', async () => {
    sim.faults.inject({ kind: 'hang' })
    const answer = outcome(get('/v1/api/jobs/job_x'))
    await sim.close()
    expect(await answer).to.equal('TypeError: fetch failed')
    expect(sim.log[0]?.clientAborted).to.equal(false)
    expect((await firstValueFrom(sim.requests$.pipe(toArray()))).map((r) => r.seq)).to.deep.equal([1])
    expect(await firstValueFrom(sim.aborts$.pipe(toArray()))).to.deep.equal([])
    expect(await outcome(get('/v1/api/jobs/job_x'))).to.equal('TypeError: fetch failed')
  })
})
