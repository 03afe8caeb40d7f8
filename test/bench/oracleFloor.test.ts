import { expect } from 'chai'
import { oracleFloor, oracleRequests } from '../../bench/oracleFloor.js'
import { seededRandom, type ModelJob } from '../../bench/jobModel.js'

// The oracle floor of benchmark 4, checked against an exhaustive search on small kinds: the
// search tries every plan of polls at `end + latency` with the number of late jobs as part of its
// state, so it finds the true fewest requests within the budget, by another route than the
// priced search under test.
function exactRequests(kinds: ReadonlyArray<readonly number[]>, latencyMs: number, allowed: number): number {
  const perKind = kinds.map((ends) => {
    const n = ends.length
    const seenBy = (j: number): number => ends.filter((end) => end <= (ends[j] ?? 0) + latencyMs).length
    const memo = new Map<string, number>()
    const best = (done: number, left: number): number => {
      if (done >= n) return 0
      const key = `${done}:${left}`
      const known = memo.get(key)
      if (known !== undefined) return known
      let cheapest = Number.POSITIVE_INFINITY
      // The next poll at ends[j] + latency: every job still running is polled; those before j are late.
      for (let j = done; j < n && j - done <= left; j += 1) cheapest = Math.min(cheapest, n - done + best(seenBy(j), left - (j - done)))
      memo.set(key, cheapest)
      return cheapest
    }
    return Array.from({ length: allowed + 1 }, (_, left) => best(0, left))
  })
  // The budget split between kinds every way.
  const combine = (index: number, left: number): number => {
    const costs = perKind[index]
    if (costs === undefined) return 0
    let cheapest = Number.POSITIVE_INFINITY
    for (let mine = 0; mine <= left; mine += 1) cheapest = Math.min(cheapest, (costs[mine] ?? Number.POSITIVE_INFINITY) + combine(index + 1, left - mine))
    return cheapest
  }
  return combine(0, allowed)
}

/** `count` processing times, ascending: `spread` of a uniform draw from [0, 1). */
const durations = (count: number, seed: number, spread: (uniform: number) => number): number[] => {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => Math.round(spread(random()))).sort((a, b) => a - b)
}

describe('the oracle floor of the robustness benchmark', () => {
  it('polls jobs that all take the same time once after their first poll', () => {
    const jobs: ModelJob[] = Array.from({ length: 50 }, (_, n) => ({
      id: `job_${n}`, jobType: 'Scale', key: 'live', createdAt: n * 1_000, startedAt: n * 1_000 + 3_000, finishedAt: n * 1_000 + 63_000, outcome: 'completed',
    }))
    const { floor, plan } = oracleFloor(jobs, 4_000)
    expect(plan).to.equal(2)
    expect(floor).to.be.closeTo(2, 1e-6)
  })

  for (const [name, kinds, allowed] of [
    ['one kind spread over a minute, 3 late jobs allowed', [durations(60, 1, (r) => 90_000 + 60_000 * r)], 3],
    ['one heavy-tailed kind, 4 late jobs allowed', [durations(70, 2, (r) => 20_000 * Math.exp(2 * r * r))], 4],
    ['two kinds sharing 3 late jobs', [durations(30, 3, (r) => 20_000 + 20_000 * r), durations(30, 4, (r) => 200_000 + 200_000 * r)], 3],
  ] as const) {
    it(`brackets the fewest requests within the budget: ${name}`, () => {
      const exact = exactRequests(kinds, 4_870, allowed)
      const { floor, plan } = oracleRequests(kinds, 4_870, allowed)
      // The plan is one that exists, so it cannot beat the exhaustive search; the bound cannot exceed it.
      expect(plan).to.be.at.least(exact)
      expect(floor).to.be.at.most(exact + 1e-6)
      expect(floor).to.be.above(0.8 * exact)
    })
  }

  it('brackets them within 2 % on kinds of thousands of jobs, where each late job is a small step', () => {
    const kinds = [durations(2_000, 6, (r) => 90_000 + 60_000 * r), durations(2_000, 7, (r) => 30_000 * Math.exp(2 * r))]
    const { floor, plan } = oracleRequests(kinds, 4_870, 199)
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
