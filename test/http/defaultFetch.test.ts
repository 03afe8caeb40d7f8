import { expect } from 'chai'
import { firstValueFrom, lastValueFrom, VirtualTimeScheduler } from 'rxjs'
import { createPixiiClient, isPixiiError } from '../../src/index.js'
import type { FetchLike } from '../../src/advanced/index.js'
import { startSimulator } from '../../src/testing/index.js'

// A connection broken half-way through an answer with a Content-Length. node-fetch 2 (cross-fetch
// in Node) never tells its body reader, so with cross-fetch alone the reader would wait for the
// request timeout (checked by hand: 5,003 ms with a 5 s timeout, against 3-28 ms here). The
// clients run on a virtual scheduler that is never advanced: their request timeout cannot fire,
// so only the transport itself can end the request.
describe('defaultFetch: a connection broken mid-answer', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>
  beforeEach(async () => (sim = await startSimulator()))
  afterEach(async () => sim.close())

  const client = (fetch?: FetchLike) =>
    createPixiiClient({ apiKey: sim.testKey, baseUrl: sim.url, scheduler: new VirtualTimeScheduler(), ...(fetch === undefined ? {} : { fetch }) })

  it('is a NetworkError (reset) at once with the default fetch, and the next request is answered', async () => {
    const id = sim.createJob({ key: sim.testKey })
    sim.faults.inject({ kind: 'reset' }, { times: 1 })
    const pixii = client()
    const error = await lastValueFrom(pixii.getJob$(id)).catch((failure: unknown) => failure)
    expect(isPixiiError(error, 'Network') && error.failure, String(error)).to.equal('reset')
    expect((await firstValueFrom(pixii.getJob$(id))).id).to.equal(id)
    expect(sim.log.map((request) => request.fault ?? 'answered')).to.deep.equal(['reset', 'answered'])
  })

})
