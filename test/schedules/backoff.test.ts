import { expect } from 'chai'
import { pipe } from 'rxjs'
import { backoffDelayMs, defaultRetryPolicy } from '../../src/schedules/RetryPolicy.js'
import { exponential } from '../../src/schedules/exponential.js'
import { jittered } from '../../src/schedules/jittered.js'
import { upTo } from '../../src/schedules/upTo.js'

const steps = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]

describe('backoff primitives: exponential, upTo, jittered', () => {
  it('exponential grows by its factor from the base at step 0 (factor 2 by default)', () => {
    expect([0, 1, 2, 3].map(exponential(250))).to.deep.equal([250, 500, 1_000, 2_000])
    expect([0, 1, 2].map(exponential(1_000, 1.5))).to.deep.equal([1_000, 1_500, 2_250])
  })

  it('upTo caps a backoff and leaves the waits below the cap as they were', () => {
    expect([0, 1, 2, 3, 4, 5].map(upTo(5_000)(exponential(250)))).to.deep.equal([250, 500, 1_000, 2_000, 4_000, 5_000])
  })

  it('jittered removes up to its share of each wait, in whole ms, asking for one random number per wait', () => {
    const randoms = [0, 0.5, 0.75]
    let asked = 0
    const random = (): number => randoms[asked++ % randoms.length] as number
    const waits = [3, 3, 3].map(jittered(0.5, random)(exponential(125)))
    expect(waits).to.deep.equal([1_000, 750, 625])
    expect(asked).to.equal(3)
    // At 0 it still rounds, and still asks: a seeded source gives the same sequence at any jitter.
    expect([0, 1].map(jittered(0, random)(exponential(0.6)))).to.deep.equal([1, 1])
    expect(asked).to.equal(5)
  })

  it('combined with pipe, they give to the millisecond what the five hand-written formulas gave', () => {
    const random = (): number => 0.37
    // retryTransient's: initialDelayMs doubling per failure (from 1), capped, then jittered.
    const transient = pipe(upTo(30_000), jittered(0.5, random))(exponential(500))
    for (const failures of steps.map((step) => step + 1)) {
      expect(transient(failures - 1)).to.equal(Math.round(Math.min(30_000, 500 * 2 ** (failures - 1)) * (1 - 0.5 * random())))
    }
    // RetryPolicy's: the schedule's interval (at least 100 ms) doubled per failure.
    for (const baseMs of [0, 50, 100, 1_000, 5_000, 4_700]) {
      for (const failures of steps) {
        const old = Math.round(Math.min(60_000, Math.max(baseMs, 100) * 2 ** failures) * (1 - 0.5 * random()))
        expect(backoffDelayMs(baseMs, failures, defaultRetryPolicy, random), `${baseMs} ms, ${failures} failures`).to.equal(old)
      }
    }
    // findSubmittedJob's look-up gaps: 1 s doubling to 15 s, no jitter.
    expect(steps.map(upTo(15_000)(exponential(1_000)))).to.deep.equal(steps.map((attempt) => Math.min(15_000, 1_000 * 2 ** attempt)))
  })
})
