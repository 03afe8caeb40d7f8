import { expect } from 'chai'
import { runFleet, type FleetFigures } from '../../chaos/fleetRun.js'
import { cliBundle } from '../cli/support/cliProcess.js'
import { redisServerMissing } from '../support/redisServer.js'
import { requireTool } from '../support/requireTool.js'

// The short fleet run (the full one, 400 rows, is in `npm run chaos`): four `pixii-rx batch
// --store redis://…` processes on one catalogue, the simulator over HTTP, a real redis-server.
describe('four pixii-rx batch --store workers on one catalogue (the short fleet run)', function () {
  // Every fault waits on an event; the minute of the binding limit is real time.
  this.timeout(300_000)
  before(function () {
    requireTool(this, 'redis-server', redisServerMissing())
  })

  const keptEveryPromise = (figures: FleetFigures): void => {
    const told = JSON.stringify(figures)
    expect(figures.rateLimited, told).to.equal(0)
    expect(figures.mostInAnyMinute, told).to.be.at.most(figures.perMinute)
    expect(figures.submittedTwice, told).to.equal(0)
    expect(figures.missing, told).to.equal(0)
    expect(figures.images.expected, told).to.equal(figures.rows * 2)
    expect(figures.images, told).to.deep.equal({ expected: figures.images.expected, present: figures.images.expected, wrongHash: 0, writtenTwice: 0 })
  }

  it('keeps the limit binding through a redis-server killed and started again (AOF) while the fleet waits for the next minute', async () => {
    // 10 a minute for 14 rows: the restart comes once the first minute's 10 are accepted, while
    // the others wait; had Redis forgotten them, the fleet would submit again at once, and get 429s.
    const figures = await runFleet({ cli: await cliBundle(), rows: 14, workers: 4, perMinute: 10, perDay: 1_000, seed: 21, concurrency: 2, fault: 'restart-redis', faultAfter: 10 })
    keptEveryPromise(figures)
    expect(figures.accepted).to.equal(14)
    // The limit did bind: ten in one minute, the last four in the next.
    expect(figures.mostInAnyMinute).to.equal(10)
    expect(figures.exits).to.deep.equal([0, 0, 0, 0])
  })

  it('finishes the rows of a worker killed with SIGKILL as it submits, none twice', async () => {
    const figures = await runFleet({ cli: await cliBundle(), rows: 16, workers: 4, perMinute: 1_000, perDay: 10_000, seed: 22, concurrency: 3, fault: 'kill-worker', faultAfter: 2 })
    keptEveryPromise(figures)
    const victim = figures.victim as number
    expect(figures.exits).to.deep.equal([0, 0, 0, 0].map((code, worker) => (worker === victim ? null : code)))
    // It died at its second submission: the others did the rest, and took over what it had claimed.
    expect(figures.submittedBy[victim]).to.be.at.least(2)
    expect(figures.submittedBy.reduce((sum, count) => sum + count, 0)).to.be.at.least(16)
  })
})
