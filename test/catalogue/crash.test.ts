import { expect } from 'chai'
import { runCatalogueCrash, type CrashFigures } from '../../chaos/catalogueCrash.js'
import { cliBundle } from '../cli/support/cliProcess.js'

describe('pixii-rx batch killed with SIGKILL at seeded instants, against pixii-rx simulate (the short crash run)', function () {
  this.timeout(240_000)
  let figures: CrashFigures
  before(async () => {
    figures = await runCatalogueCrash({ cli: await cliBundle(), rows: 30, kills: 8, seed: 11, concurrency: 3 })
  })

  it('was killed on POSTs before their answers, after intents and after images, and started again until done', () => {
    // Each kill waits on an event the start still owed (read from the simulator's ledger): the count cannot vary.
    expect(figures.kills.total, JSON.stringify(figures)).to.equal(8)
    expect(figures.kills.atPost + figures.kills.afterIntent + figures.kills.afterImage).to.equal(8)
    // POST and intent kills take turns while a row has no job (always, at this size), the first on a POST.
    expect(figures.kills.atPost, JSON.stringify(figures.kills)).to.be.greaterThan(0)
    expect(figures.kills.afterIntent, JSON.stringify(figures.kills)).to.be.greaterThan(0)
    // The simulator holds each answer 400 ms after creating the job: the kill, on the POST's arrival, lands first.
    expect(figures.kills.betweenPostAndAnswer, JSON.stringify(figures.kills)).to.be.greaterThan(0)
    expect(figures.starts).to.equal(9 + figures.restartsForProblems)
  })

  it('submitted no row twice and lost none; every image is on disk with the hash the simulator serves', () => {
    expect(figures.submittedTwice, JSON.stringify(figures)).to.equal(0)
    expect(figures.missing, JSON.stringify(figures)).to.equal(0)
    expect(figures.images.expected).to.be.greaterThan(30)
    expect(figures.images).to.deep.equal({ expected: figures.images.expected, present: figures.images.expected, wrongHash: 0 })
  })

  it('was charged exactly for the jobs that exist, as the results say', () => {
    expect(figures.credits.ofJobs).to.be.greaterThan(0)
    expect(figures.credits.spent).to.equal(figures.credits.ofJobs)
    expect(figures.credits.inResults).to.equal(figures.credits.ofJobs)
  })
})
