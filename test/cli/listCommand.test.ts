// `pixii-rx list` as a child process against a hostile server of our own on loopback: every line
// of a deep listing is printed and the command exits with a documented code, counted at the server.
import { expect } from 'chai'
import { pageBody, startHostileServer, summaryBody, type HostileRoute, type HostileServer } from '../support/hostileServer.js'
import { cliBundle, ndjson, runCli } from './support/cliProcess.js'

const ASIN = 'B0CHX1W1XY'

/** A listing of `total` jobs (`job_0` newest); past `backstop` requests a 400, so that a client without bounds stops too. */
function listing(total: (page: number, limit: number) => number, backstop = 5_000): HostileRoute {
  return ({ url, seq }) => {
    if (seq > backstop) return { status: 400, body: { code: 'VALIDATION_ERROR', message: 'enough', detail: 'page' } }
    const page = Number(url.searchParams.get('page') ?? 1)
    const limit = Number(url.searchParams.get('limit') ?? 20)
    const count = total(page, limit)
    const data = Array.from({ length: Math.max(0, Math.min(limit, count - (page - 1) * limit)) }, (_, i) => summaryBody(`job_${(page - 1) * limit + i}`))
    return { body: pageBody({ data, total: count, page, limit }) }
  }
}

describe('pixii-rx list, against a hostile server', function () {
  this.timeout(60_000) // a child process per test, bundled once; nothing is timed
  let server: HostileServer
  const env = (): Record<string, string> => ({ PIXII_BASE_URL: server.url, PIXII_API_KEY: 'pk_test_abc' })
  before(async () => {
    await cliBundle()
  })
  afterEach(async () => server.close())

  it('prints every line of 2,100 pages, in order, and exits 0', async () => {
    server = await startHostileServer(listing(() => 2_100))
    const run = await runCli(['list', '--asin', ASIN, '--limit', '1', '--max-pages', '3000'], env())
    expect(run.code, run.stderr).to.equal(0)
    const ids = ndjson(run.stdout).map((summary) => summary['id'])
    expect(ids).to.have.length(2_100)
    expect(ids.every((id, n) => id === `job_${n}`)).to.equal(true)
    expect(server.count()).to.equal(2_100)
  })

  it('exits 1 after --max-pages pages of a listing that does not end, with every line read before', async () => {
    server = await startHostileServer(listing((page, limit) => page * limit + 1, 200))
    const run = await runCli(['list', '--asin', ASIN, '--limit', '2', '--max-pages', '5'], env())
    expect(run.code).to.equal(1)
    expect(ndjson(run.stdout)).to.have.length(10)
    expect(run.stderr).to.include('still had more after 5 pages of 2, so the listing was cut off (raise maxPages to read further)')
    expect(server.count()).to.equal(5)
  })

  it('exits 1 at the first answer with limit 0, printing nothing', async () => {
    server = await startHostileServer(({ seq }) =>
      seq > 200 ? { status: 400, body: { code: 'VALIDATION_ERROR', message: 'enough' } } : { body: pageBody({ data: [summaryBody('job_x')], total: 10, page: seq, limit: 0 }) },
    )
    const run = await runCli(['list', '--asin', ASIN], env())
    expect([run.code, run.stdout, server.count()]).to.deep.equal([1, '', 1])
    expect(run.stderr).to.include('limit: expected 20 (the limit asked for), got 0')
  })
})
