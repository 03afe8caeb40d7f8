import { expect } from 'chai'
import { kindGrid, oracleFloor, oracleRequests, planKind, type KindGrid } from '../../bench/oracleFloor.js'
import { seededRandom, type ModelJob } from '../../bench/jobModel.js'

// The oracle floor of benchmark 4, checked against an exhaustive search on small grids: every
// set of polls is tried, by another route than the backward search under test.

/** Every plan on `grid` (polls at any subset of its points, the last where every job has ended): requests and late jobs. */
function everyPlan(grid: KindGrid): Array<{ requests: number; misses: number }> {
  const { cdf, lag, jobs } = grid
  const size = cdf.length
  const plans: Array<{ requests: number; misses: number }> = []
  for (let mask = 0; mask < 1 << (size - 1); mask += 1) {
    const polls = Array.from({ length: size - 1 }, (_, bit) => bit + 1).filter((point) => (mask >> (point - 1)) & 1)
    if ((cdf[polls.at(-1) ?? 0] ?? 0) < 1) continue
    let requests = 0
    let misses = 0
    let last = 0
    for (const point of polls) {
      requests += jobs * (1 - (cdf[last] ?? 0))
      misses += jobs * Math.max(0, (cdf[point - lag] ?? 0) - (cdf[last] ?? 0))
      last = point
    }
    plans.push({ requests, misses })
  }
  return plans
}

// A kind of 100 jobs on a 12-point grid: a lump early, a thin spread, a late lump.
const small: KindGrid = { jobs: 100, stepMs: 1_000, lag: 3, cdf: Float64Array.from([0, 0, 0.3, 0.55, 0.6, 0.62, 0.64, 0.66, 0.68, 0.7, 0.95, 1]) }

describe('the oracle floor of the robustness benchmark', () => {
  it('reads a kind’s ends as a continuous distribution through their mid-ranks', () => {
    const { cdf, stepMs } = kindGrid([10_000, 20_000, 30_000], 10_000)
    expect(stepMs).to.equal(1_000)
    const expected = [0, 1 / 6, 1 / 3, 0.5, 5 / 6, 1, 1]
    ;[5, 10, 15, 20, 30, 35, 40].forEach((seconds, n) => expect(cdf[seconds], `at ${seconds} s`).to.be.closeTo(expected[n] ?? Number.NaN, 1e-12))
  })

  it('polls jobs that all take the same time once after their first poll', () => {
    const jobs: ModelJob[] = Array.from({ length: 50 }, (_, n) => ({
      id: `job_${n}`, jobType: 'Scale', key: 'live', createdAt: n * 1_000, startedAt: n * 1_000 + 3_000, finishedAt: n * 1_000 + 63_000, outcome: 'completed',
    }))
    const { floor, plan } = oracleFloor(jobs, 4_000)
    expect(plan).to.equal(2)
    // The bound sits under the plan by the price times the late jobs the bisection left unused.
    expect(floor).to.be.closeTo(2, 1e-3)
  })

  it('finds the cheapest plan at every price of a late job', () => {
    const plans = everyPlan(small)
    for (const price of [0, 0.5, 2, 10, 1_000]) {
      const found = planKind(small, price)
      const cheapest = Math.min(...plans.map(({ requests, misses }) => requests + price * misses))
      expect(found.requests + price * found.misses, `price ${price}`).to.be.closeTo(cheapest, 1e-9)
    }
  })

  for (const allowed of [0, 5, 12, 40]) {
    it(`brackets the fewest requests with at most ${allowed} late jobs`, () => {
      const exact = Math.min(...everyPlan(small).filter(({ misses }) => misses <= allowed + 1e-9).map(({ requests }) => requests))
      const { floor, plan } = oracleRequests([small], allowed)
      // The plan is one of those searched, so it cannot beat the exhaustive search; the bound cannot exceed it.
      expect(plan).to.be.at.least(exact - 1e-9)
      expect(floor).to.be.at.most(exact + 1e-6)
      expect(floor).to.be.above(0.8 * exact)
    })
  }

  it('brackets them within 2 % on kinds of thousands of jobs', () => {
    const random = seededRandom(6)
    const spread = (count: number, draw: () => number) => Array.from({ length: count }, draw).sort((a, b) => a - b)
    const kinds = [spread(2_000, () => 90_000 + 60_000 * random()), spread(2_000, () => 30_000 * Math.exp(2 * random()))].map((ends) => kindGrid(ends, 4_870))
    const { floor, plan } = oracleRequests(kinds, 199)
    expect(floor).to.be.at.most(plan)
    expect((plan - floor) / plan).to.be.below(0.02)
  })

  it('spends fewer requests when the late jobs may fall in any kind than when each kind keeps its own share', () => {
    const random = seededRandom(5)
    const jobs: ModelJob[] = Array.from({ length: 400 }, (_, n) => {
      const slow = n % 4 === 0
      const startedAt = n * 1_000 + 2_000
      const processing = slow ? 200_000 + 400_000 * random() * random() : 30_000 + 10_000 * random()
      return { id: `job_${n}`, jobType: slow ? 'A+ Content' : 'Scale', key: 'live', createdAt: n * 1_000, startedAt, finishedAt: Math.round(startedAt + processing), outcome: 'completed' }
    })
    const shared = oracleFloor(jobs, 4_870, 'all jobs')
    const apart = oracleFloor(jobs, 4_870, 'each kind')
    expect(shared.plan).to.be.below(apart.plan)
    expect(shared.floor).to.be.at.most(shared.plan)
  })
})
