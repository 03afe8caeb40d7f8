// Paging through a listing: any number of pages in constant stack, and a listing that does not
// hold together or does not end is cut off with a typed error, counted at the server.
import { expect } from 'chai'
import { lastValueFrom, tap, toArray } from 'rxjs'
import { createPixiiClient, isPixiiError, type JobSummary, type PixiiClient, type PixiiError } from '../../src/index.js'
import { pageBody, startHostileServer, summaryBody, type HostileRoute, type HostileServer } from '../support/hostileServer.js'
import { harness } from '../support/watchHarness.js'

const ASIN = 'B0CHX1W1XY'
/** Past this many requests a route answers 400 (not retried): without the bounds under test, the client would page forever. */
const BACKSTOP = 200

/** What the page asked for. */
const asked = (url: URL): { page: number; limit: number } => ({ page: Number(url.searchParams.get('page') ?? 1), limit: Number(url.searchParams.get('limit') ?? 20) })
const ids = (prefix: string, count: number): unknown[] => Array.from({ length: count }, (_, i) => summaryBody(`job_${prefix}_${i}`))

function withBackstop(route: HostileRoute, backstop = BACKSTOP): HostileRoute {
  return (request, server) =>
    request.seq > backstop ? { status: 400, body: { code: 'VALIDATION_ERROR', message: 'enough', detail: 'page' } } : route(request, server)
}

interface Listed {
  readonly summaries: JobSummary[]
  readonly error: PixiiError | undefined
}

async function listAll(pixii: PixiiClient, options: Parameters<PixiiClient['listJobs$']>[1] = {}): Promise<Listed> {
  const summaries: JobSummary[] = []
  try {
    await lastValueFrom(pixii.listJobs$(ASIN, options).pipe(tap((summary) => summaries.push(summary)), toArray()))
    return { summaries, error: undefined }
  } catch (error) {
    if (!isPixiiError(error)) throw error
    return { summaries, error }
  }
}

describe('listJobs$: paging', () => {
  let server: HostileServer
  const client = (): PixiiClient => createPixiiClient({ apiKey: 'pk_test_abc', baseUrl: server.url })
  afterEach(async () => server?.close())

  it('cuts a listing whose total keeps growing off after maxPages requests, with a DecodeError at path total', async () => {
    server = await startHostileServer(withBackstop(({ url }) => {
      const { page, limit } = asked(url)
      return { body: pageBody({ data: ids(`p${page}`, limit), total: (page + 1) * limit + 1, page, limit }) }
    }))
    const { summaries, error } = await listAll(client(), { limit: 3, maxPages: 50 })
    expect(server.count()).to.equal(50)
    expect(summaries).to.have.length(150)
    expect(error).to.include({ _tag: 'Decode', retryable: false })
    expect(isPixiiError(error, 'Decode') && error.issues).to.deep.equal([{ path: 'total', expected: 'at most 150 (maxPages 50 × limit 3)', actual: 154 }])
    expect(error?.message).to.equal(
      'GET /v1/api/jobs still had more after 50 pages of 3, so the listing was cut off (raise maxPages to read further): total: expected at most 150 (maxPages 50 × limit 3), got 154',
    )
  })

  it('stops at the default of 1,000 pages', async () => {
    server = await startHostileServer(withBackstop(({ url }) => {
      const { page, limit } = asked(url)
      return { body: pageBody({ data: ids(`p${page}`, limit), total: page * limit + 1, page, limit }) }
    }, 1_100))
    const { error } = await listAll(client())
    expect(server.count()).to.equal(1_000)
    expect(isPixiiError(error, 'Decode') && error.issues[0]?.path).to.equal('total')
  })

  it('refuses a page that repeats the previous page, after two requests', async () => {
    server = await startHostileServer(withBackstop(({ url }) => ({ body: pageBody({ data: ids('same', 2), total: 1_000_000, page: asked(url).page, limit: 2 }) })))
    const { summaries, error } = await listAll(client(), { limit: 2 })
    expect(server.count()).to.equal(2)
    expect(summaries.map((summary) => summary.id)).to.deep.equal(['job_same_0', 'job_same_1'])
    expect(isPixiiError(error, 'Decode') && error.issues).to.deep.equal([
      { path: 'data', expected: "other summaries than page 1's", actual: ['job_same_0', 'job_same_1'] },
    ])
  })

  it('refuses limit 0 at the first answer', async () => {
    server = await startHostileServer(withBackstop(({ url }) => ({ body: pageBody({ data: ids(`p${asked(url).page}`, 1), total: 10, page: asked(url).page, limit: 0 }) })))
    const { summaries, error } = await listAll(client())
    expect([server.count(), summaries.length]).to.deep.equal([1, 0])
    expect(isPixiiError(error, 'Decode') && error.issues).to.deep.equal([{ path: 'limit', expected: '20 (the limit asked for)', actual: 0 }])
  })

  it('refuses another page number than the one asked for', async () => {
    server = await startHostileServer(withBackstop(() => ({ body: pageBody({ data: ids(`s${server.count()}`, 2), total: 100, page: 1, limit: 2 }) })))
    const { summaries, error } = await listAll(client(), { limit: 2 })
    expect([server.count(), summaries.length]).to.deep.equal([2, 2])
    expect(isPixiiError(error, 'Decode') && error.issues).to.deep.equal([{ path: 'page', expected: '2 (the page asked for)', actual: 1 }])
    expect(error?.message).to.equal(
      'GET /v1/api/jobs answered a JobPage that does not hold together for page 2: page: expected 2 (the page asked for), got 1',
    )
  })

  it('refuses summaries on a page beyond the last, and more summaries than the limit', async () => {
    server = await startHostileServer(({ url }) => {
      const { page } = asked(url)
      return { body: pageBody({ data: ids(`p${page}`, 2), total: page === 1 ? 100 : 2, page, limit: 2 }) }
    })
    const beyond = await listAll(client(), { limit: 2 })
    expect([server.count(), beyond.summaries.length]).to.deep.equal([2, 2])
    expect(isPixiiError(beyond.error, 'Decode') && beyond.error.issues).to.deep.equal([
      { path: 'total', expected: 'more than 2, as page 2 of 2 holds jobs', actual: 2 },
    ])
    await server.close()
    server = await startHostileServer(() => ({ body: pageBody({ data: ids('many', 5), total: 5, page: 1, limit: 2 }) }))
    const tooMany = await listAll(client(), { limit: 2 })
    expect(isPixiiError(tooMany.error, 'Decode') && tooMany.error.issues).to.deep.equal([
      { path: 'data', expected: 'at most 2 summaries (the limit)', actual: '5 summaries' },
    ])
  })

  it('refuses a maxPages that is not an integer ≥ 1, sending nothing', async () => {
    server = await startHostileServer(() => ({ body: pageBody() }))
    const { error } = await listAll(client(), { maxPages: 0 })
    expect(error).to.include({ _tag: 'Validation', source: 'client', message: 'Invalid listJobs$ options: maxPages: expected an integer ≥ 1, got 0' })
    expect(server.count()).to.equal(0)
  })
})

describe('listJobs$: 5,000 pages of the simulator', () => {
  it('completes, and every summary reaches the subscriber through a stack as deep as the first page’s', async function () {
    this.timeout(120_000) // 5,000 requests to a simulator that filters its 5,000 jobs for each; nothing here is timed
    const h = await harness()
    try {
      for (let n = 0; n < 5_000; n += 1) h.sim.createJob({ key: h.sim.testKey, asin: ASIN })
      // Nested one subscription a page, the stack at each summary grew with every page (and
      // overflowed near 2,000 pages): the first frame more than the first page's fails at once.
      const traceLimit = Error.stackTraceLimit
      Error.stackTraceLimit = 500
      let first: number | undefined
      const all = await lastValueFrom(
        h.client().listJobs$(ASIN, { limit: 1, maxPages: 5_000 }).pipe(
          tap((_summary) => {
            const depth = new Error().stack?.split('\n').length ?? 0
            first ??= depth
            if (depth > first) throw new Error(`the stack grew from ${first} frames at the first summary to ${depth}`)
          }),
          toArray(),
        ),
      ).finally(() => (Error.stackTraceLimit = traceLimit))
      expect(new Set(all.map((summary) => summary.id)).size).to.equal(5_000)
      expect(h.sim.log.filter((request) => request.path === '/v1/api/jobs')).to.have.length(5_000)
    } finally {
      await h.close()
    }
  })
})
