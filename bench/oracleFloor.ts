// The oracle floor of the robustness table (bench/robustness.ts): a lower bound on the requests
// per job of any schedule that knew the distribution of each kind's processing times, at a p95
// latency no higher than fixed 5 s polling's measured in the same run.
import type { ModelJob } from './jobModel.js'

/**
 * One kind's planning problem on a time grid: `cdf[g]` is the share of the kind's jobs ended by
 * processing time `g · stepMs`, from the sample's ends as a continuous distribution (the CDF
 * through each end at its mid-rank, linear between, reaching 0 and 1 half a gap beyond the
 * extremes), so that a plan pays for the spread of a kind, not for the gaps between the ends of
 * one sample of it. A poll at `g` sees within the latency budget the ends after grid `g − lag`.
 */
export interface KindGrid {
  readonly jobs: number
  readonly stepMs: number
  readonly lag: number
  readonly cdf: Float64Array
}

/** The grid is a tenth of the latency budget; the budget is taken one grid step longer (see `oracleFloor`). */
const STEPS_PER_LATENCY = 10

/** The planning problem of one kind: `ends` are its processing times, ascending. */
export function kindGrid(ends: readonly number[], latencyMs: number): KindGrid {
  const n = ends.length
  const stepMs = latencyMs / STEPS_PER_LATENCY
  const first = ends[0] ?? 0
  const last = ends[n - 1] ?? 0
  const below = first - ((ends[1] ?? first) - first) / 2
  const above = last + (last - (ends[n - 2] ?? last)) / 2
  // The points the CDF runs through: (below, 0), (end k, (k − ½)/n), (above, 1).
  const xs = [below, ...ends, above]
  const ys = [0, ...ends.map((_, k) => (k + 0.5) / n), 1]
  const size = Math.ceil((above + latencyMs) / stepMs) + STEPS_PER_LATENCY + 2
  const cdf = new Float64Array(size)
  for (let g = 0, k = 0; g < size; g += 1) {
    const t = g * stepMs
    while (k + 1 < xs.length && (xs[k + 1] ?? 0) <= t) k += 1
    const x0 = xs[k] ?? 0
    const x1 = xs[k + 1]
    if (t < x0) cdf[g] = 0
    else if (x1 === undefined || x1 <= x0) cdf[g] = ys[k] ?? 1
    else cdf[g] = (ys[k] ?? 0) + ((ys[k + 1] ?? 1) - (ys[k] ?? 0)) * ((t - x0) / (x1 - x0))
  }
  return { jobs: n, stepMs, lag: STEPS_PER_LATENCY + 1, cdf }
}

/** A poll plan for one kind at one price of a late job: its expected requests (after the first poll of each job) and late jobs. */
interface KindPlan {
  readonly requests: number
  readonly misses: number
}

/**
 * The cheapest poll plan on `grid` when each late job costs `missPrice` requests. A plan is a
 * list of polls on the grid, the last one past every end; a job is polled at every poll up to the
 * first after its end, and late when that poll is more than `lag` grid steps after its end. Solved
 * exactly, backwards from the last poll (quadratic in the grid, less where a jump can no longer pay).
 */
export function planKind(grid: KindGrid, missPrice: number): KindPlan {
  const { cdf, lag, jobs } = grid
  const size = cdf.length
  const cost = new Float64Array(size)
  const misses = new Float64Array(size)
  const requests = new Float64Array(size)
  for (let from = size - 1; from >= 0; from -= 1) {
    const endedBy = cdf[from] ?? 1
    if (endedBy >= 1 - 1e-12) continue // every job seen: nothing more to pay
    const alive = jobs * (1 - endedBy)
    let best = Number.POSITIVE_INFINITY
    let bestMisses = 0
    let bestRequests = 0
    for (let to = from + 1; to < size; to += 1) {
      // Jobs that ended after the last poll but more than `lag` steps before this one are late.
      const late = jobs * Math.max(0, (cdf[to - lag] ?? 0) - endedBy)
      const priced = alive + missPrice * late
      if (priced >= best) break // later polls only make more late jobs
      const total = priced + (cost[to] ?? 0)
      if (total < best) {
        best = total
        bestMisses = late + (misses[to] ?? 0)
        bestRequests = alive + (requests[to] ?? 0)
      }
      if ((cdf[to - lag] ?? 0) >= 1 - 1e-12) break
    }
    cost[from] = best
    misses[from] = bestMisses
    requests[from] = bestRequests
  }
  // Grid 0 is the job's start, not a poll.
  return { requests: requests[0] ?? 0, misses: misses[0] ?? 0 }
}

/**
 * A lower bound on the requests (after each job's first poll) that plans for `kinds` spend when
 * at most `allowedMisses` jobs in all may be late. Late jobs are priced in requests, one price for
 * every kind, bisected until the budget holds, so that they fall where they save most. `floor` is
 * the Lagrangian bound (the plan's requests less the price times the late jobs it leaves unused),
 * which no plan within the budget beats; `plan` the requests of the plan found at that price.
 */
export function oracleRequests(kinds: readonly KindGrid[], allowedMisses: number): { readonly floor: number; readonly plan: number } {
  const total = (price: number) =>
    kinds.map((grid) => planKind(grid, price)).reduce((sum, plan) => ({ requests: sum.requests + plan.requests, misses: sum.misses + plan.misses }), { requests: 0, misses: 0 })
  // A late job priced above every request a kind's jobs can cost is never worth it; bisect below
  // that, on a log scale (prices span orders of magnitude between models).
  let low = 1e-3
  let high = 1 + Math.max(1, ...kinds.map((grid) => grid.cdf.length))
  for (let step = 0; step < 32 && high / low > 1.0005; step += 1) {
    const middle = Math.sqrt(low * high)
    if (total(middle).misses <= allowedMisses) high = middle
    else low = middle
  }
  const best = total(high)
  // Weak duality: for any plan within the budget, requests ≥ requests(λ) + λ·(late(λ) − allowed).
  return { plan: best.requests, floor: best.requests - high * (allowedMisses - best.misses) }
}

/** How the oracle's budget of late jobs is shared: across all jobs, or within each kind. */
export type MissBudget = 'all jobs' | 'each kind'

/**
 * The oracle floor of a model, in requests per job: a lower bound for any schedule that knew the
 * distribution of each kind's processing times (the run's own, as a continuous distribution) and,
 * for free, each job's start, that polls every job once at its creation, as every watch does, and
 * sees all but a share `1 − 0.95` of jobs (of all jobs, or of each kind) within `latencyMs` of
 * their end. Its polls are on a grid a tenth of `latencyMs` apart with the budget one grid step
 * longer, which any plan off the grid can be moved onto (each poll later by less than a step) at
 * no more cost, so the bound holds for every plan (see `oracleRequests`).
 */
export function oracleFloor(jobs: readonly ModelJob[], latencyMs: number, budget: MissBudget = 'all jobs'): { readonly floor: number; readonly plan: number } {
  const byKind = new Map<string, number[]>()
  for (const job of jobs) {
    const key = `${job.key}:${job.jobType}`
    const ends = byKind.get(key) ?? []
    ends.push(job.finishedAt - job.startedAt)
    byKind.set(key, ends)
  }
  const grids = [...byKind.values()].map((ends) => kindGrid(ends.sort((a, b) => a - b), latencyMs))
  // p95 = the latency at rank floor(0.95·n) of n, ascending: the jobs above that rank may be late.
  const allowed = (count: number): number => count - Math.floor(0.95 * count) - 1
  const parts = budget === 'all jobs' ? [oracleRequests(grids, allowed(jobs.length))] : grids.map((grid) => oracleRequests([grid], allowed(grid.jobs)))
  const sum = (pick: (part: { floor: number; plan: number }) => number) => (jobs.length + parts.reduce((total, part) => total + pick(part), 0)) / jobs.length
  return { floor: sum((part) => part.floor), plan: sum((part) => part.plan) }
}

/**
 * What the oracle's plan itself spends, in requests per job, when its late jobs are those seen
 * more than `latencyMs` (not a grid step more) after their end: a plan that a schedule told every
 * job's start and the distribution of each kind could follow, so an upper bound on what such a
 * schedule needs, as `oracleFloor` is a lower one.
 */
export function oraclePlanWithin(jobs: readonly ModelJob[], latencyMs: number): number {
  return oracleFloor(jobs, latencyMs / (1 + 1 / STEPS_PER_LATENCY)).plan
}
