import { expect } from 'chai'
import { runCatalogueCrash, type CrashFigures } from '../../chaos/catalogueCrash.js'
import { cliBundle } from '../cli/support/cliProcess.js'

describe('pixii-rx batch killed with SIGKILL at seeded instants (the short crash run)', function () {
  this.timeout(240_000)
  let figures: CrashFigures
  before(async () => {
    figures = await runCatalogueCrash({ cli: await cliBundle(), rows: 24, kills: 8, seed: 11, concurrency: 3 })
  })

  it('was killed between a POST and its answer, and elsewhere, and started again until done', () => {
    expect(figures.kills.total, JSON.stringify(figures)).to.equal(8)
    expect(figures.kills.betweenPostAndAnswer).to.be.greaterThan(0)
    expect(figures.kills.afterLine).to.be.greaterThan(0)
    expect(figures.starts).to.equal(9)
  })

  it('submitted no row twice and lost none; every image is on disk with the hash the server serves', () => {
    expect(figures.submittedTwice, JSON.stringify(figures)).to.equal(0)
    expect(figures.missing, JSON.stringify(figures)).to.equal(0)
    expect(figures.images.expected).to.be.greaterThan(24)
    expect(figures.images).to.deep.equal({ expected: figures.images.expected, present: figures.images.expected, wrongHash: 0 })
  })

  it('was charged exactly for the jobs that exist, as the results say', () => {
    expect(figures.credits.spent).to.equal(figures.credits.ofJobs)
    expect(figures.credits.inResults).to.equal(figures.credits.ofJobs)
  })
})
