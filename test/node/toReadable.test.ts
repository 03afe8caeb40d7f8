import { expect } from 'chai'
import { once } from 'node:events'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { concatMap, from, of } from 'rxjs'
import { isPixiiError, type PixiiClient } from '../../src/index.js'
import { toAsyncIterable, toNdjson, toReadable } from '../../src/node/index.js'
import { harness, type Harness } from '../support/watchHarness.js'

const asin = 'B0CHX1W1XY'
const listing = { asin, country_code: 'US', listing_type: 'amazon_listing' } as const

describe('toReadable', () => {
  let h: Harness
  let client: PixiiClient
  const listRequests = () => h.sim.log.filter((r) => r.path === '/v1/api/jobs').length
  const posts = () => h.sim.log.filter((r) => r.method === 'POST').length

  beforeEach(async () => {
    h = await harness()
    client = h.client()
  })
  afterEach(async () => h.close())

  describe('a slow reader', () => {
    beforeEach(() => {
      for (let n = 0; n < 50; n += 1) h.sim.createJob({ key: h.sim.testKey, asin })
    })

    it('pauses a paced source: listJobs$ fetches the next page only when the reader has room', async () => {
      const jobs = toReadable((demand) => client.listJobs$(asin, { limit: 5, pace: demand.ready }), { highWaterMark: 5 })
      jobs.read(0) // the first read subscribes
      await h.clock.settle()
      expect(listRequests(), 'one page for a reader that has read nothing').to.equal(1)
      expect(jobs.readableLength).to.equal(5)
      await h.clock.settle()
      expect(listRequests(), 'still one page: nothing more until the reader reads').to.equal(1)

      for (let n = 0; n < 5; n += 1) expect(jobs.read()).to.have.property('id')
      await h.clock.settle()
      expect(listRequests(), 'reading a page lets exactly one more page in').to.equal(2)

      let count = 10 - jobs.readableLength
      for await (const _job of jobs) count += 1
      expect(count + jobs.readableLength).to.be.at.least(50)
      expect(listRequests(), 'all 50 jobs in 10 pages of 5, never one page ahead of need').to.equal(10)
    })

    it('pauses submissions made one at a time through demand.ready', async () => {
      const requests = Array.from({ length: 6 }, () => listing)
      const accepted = toReadable((demand) => from(requests).pipe(concatMap((request) => demand.ready(client.submitListingBuilder$(request)))), { highWaterMark: 2 })
      accepted.read(0)
      await h.clock.settle()
      await h.clock.settle()
      expect(posts(), 'two submissions fill the buffer; the other four wait').to.equal(2)
      expect(accepted.read()).to.have.property('job_id')
      await h.clock.settle()
      expect(posts()).to.equal(3)
      const rest = (await accepted.toArray()) as unknown[]
      expect(rest.length + 1).to.equal(6)
      expect(posts()).to.equal(6)
    })

    it('buffers a source that cannot be paced, and fails with BufferOverflow past maxBuffered', async () => {
      const jobs = toReadable(client.listJobs$(asin, { limit: 5 }), { highWaterMark: 5, maxBuffered: 20 })
      jobs.read(0)
      const [error] = (await once(jobs, 'error')) as [unknown]
      expect(isPixiiError(error, 'BufferOverflow')).to.equal(true)
      expect(error).to.include({ maxBuffered: 20, retryable: false })
      expect(jobs.destroyed).to.equal(true)
      const seen = listRequests()
      await h.clock.settle()
      expect(listRequests(), 'paging stopped with the overflow').to.equal(seen)
      expect(seen).to.be.at.most(5)
    })
  })

  it('is lazy: nothing is requested before the first read', async () => {
    const id = h.sim.createJob({ key: h.sim.testKey })
    toReadable(client.watchJob$(id)).destroy()
    await h.clock.settle()
    expect(h.sim.log).to.have.length(0)
  })

  it('unsubscribes when destroyed: the request in flight is aborted and no request follows', async () => {
    // Untracked requests: the clock must not wait for the one that hangs.
    await h.close()
    h = await harness({ track: false })
    client = h.client()
    const id = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 1_000, processingMs: 600_000 })
    const jobs = toReadable(client.watchJob$(id))
    const iterator = jobs[Symbol.asyncIterator]()
    const first = await iterator.next()
    expect(first.value).to.have.property('status', 'pending')
    h.sim.faults.inject({ kind: 'hang' })
    await h.clock.advance(250) // the second poll is now in flight, and hangs
    const hanging = h.sim.log.at(-1)
    expect(hanging?.fault).to.equal('hang')
    jobs.destroy()
    await h.sim.whenAborted(hanging?.seq ?? -1)
    const seen = h.sim.log.length
    await h.clock.advance(3_600_000)
    expect(h.sim.log.length, 'no request in the hour after destroy').to.equal(seen)
  })

  it('destroys the stream with the source error, typed', async () => {
    const jobs = toReadable(client.watchJob$('job_missing'))
    jobs.resume()
    const [error] = (await once(jobs, 'error')) as [unknown]
    expect(isPixiiError(error, 'JobNotFound')).to.equal(true)
  })

  it('refuses bad options with a ValidationError naming the field', () => {
    expect(() => toReadable(of(1), { highWaterMark: 0 })).to.throw('highWaterMark')
    expect(() => toReadable(of(1), { highWaterMark: 10, maxBuffered: 5 })).to.throw('maxBuffered')
  })
})

describe('toAsyncIterable', () => {
  let h: Harness
  beforeEach(async () => {
    h = await harness()
  })
  afterEach(async () => h.close())

  it('yields each transition and ends with the completed job', async () => {
    const id = h.sim.createJob({ key: h.sim.testKey, queuedMs: 100, processingMs: 1_000 })
    const statuses: string[] = []
    const iterator = toAsyncIterable(h.client().watchJob$(id))
    const reading = (async () => {
      for await (const job of iterator) statuses.push(job.status)
    })()
    await h.clock.runUntil(() => statuses.includes('completed'))
    await reading
    expect(statuses).to.deep.equal(['pending', 'processing', 'completed'])
  })

  it('leaving the loop early unsubscribes', async () => {
    const id = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 1_000, processingMs: 600_000 })
    for await (const job of toAsyncIterable(h.client().watchJob$(id))) {
      expect(job.status).to.equal('pending')
      break
    }
    const seen = h.sim.log.length
    await h.clock.advance(3_600_000)
    expect(h.sim.log.length).to.equal(seen)
  })

  it('throws the source error from the loop', async () => {
    let caught: unknown
    try {
      for await (const _job of toAsyncIterable(h.client().watchJob$('job_missing'))) void _job
    } catch (error) {
      caught = error
    }
    expect(isPixiiError(caught, 'JobNotFound')).to.equal(true)
  })
})

describe('toNdjson', () => {
  const collect = async (values: readonly object[], options?: { redact?: boolean }): Promise<string> => {
    let text = ''
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((text += chunk.toString()), done()) })
    await pipeline(toReadable(from(values)), toNdjson(options), sink)
    return text
  }

  it('writes one JSON line per value, redacting URL signatures and keys unless told not to', async () => {
    const signed = 'https://img.example/1.png?expires=1700000000&signature=abcdef'
    expect(await collect([{ a: 1 }, { url: signed, key: 'pk_live_secret' }])).to.equal(
      '{"a":1}\n{"url":"https://img.example/1.png?expires=[redacted]&signature=[redacted]","key":"pk_[redacted]"}\n',
    )
    expect(await collect([{ url: signed }], { redact: false })).to.equal(`{"url":"${signed}"}\n`)
  })

  it('fails with a ValidationError on a value JSON cannot encode', async () => {
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    let caught: unknown
    await collect([cyclic]).catch((error: unknown) => (caught = error))
    expect(isPixiiError(caught, 'Validation')).to.equal(true)
  })
})
