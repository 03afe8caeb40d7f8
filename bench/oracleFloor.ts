// The oracle floor of the robustness table (bench/robustness.ts): the fewest requests per job
// that a schedule told the true distribution of each kind's processing times could spend, at a
// p95 latency no higher than fixed 5 s polling's measured in the same run.
import type { ModelJob } from './jobModel.js'

/** A poll plan for one kind at one price of a miss: its requests (after the first poll) and misses. */
interface KindPlan {
  readonly requests: number
  readonly misses: number
}

/**
 * The cheapest poll plan for one kind, in processing time since the job's start, pricing each job
 * seen later than `latencyMs` at `missPrice` requests. `ends` are the kind's processing times,
 * ascending. A plan is a list of poll times, the last one past the longest job; a job is polled at
 * every poll up to the first at or after its end, and missed when that poll is more than
 * `latencyMs` after its end. A poll can always be moved later, at no cost, until it would miss
 * one more of the jobs it sees, so the best plan polls only at `ends[j] + latencyMs`: the search
 * runs over those points (quadratic in the kind's jobs, from the last poll backwards).
 */
function planKind(ends: readonly number[], latencyMs: number, missPrice: number): KindPlan {
  const n = ends.length
  // cost[i]: the cheapest rest of the plan after a poll at ends[i] + latencyMs (its requests plus
  // priced misses); misses[i] and polls[i] what that rest is made of.
  const cost = new Float64Array(n + 1)
  const misses = new Float64Array(n + 1)
  const polls = new Float64Array(n + 1)
  // seen[i]: how many jobs a poll at ends[i] + latencyMs has seen end (ends[k] ≤ that time).
  const seen = new Int32Array(n)
  for (let i = 0, k = 0; i < n; i += 1) {
    while (k < n && (ends[k] ?? 0) <= (ends[i] ?? 0) + latencyMs) k += 1
    seen[i] = k
  }
  // States 0..n-1: a poll at ends[i] + L, solved from the last backwards; state n, solved last:
  // the job's start (no poll yet, nothing seen).
  for (const from of [...Array.from({ length: n }, (_, i) => n - 1 - i), n]) {
    const done = from === n ? 0 : (seen[from] ?? n)
    if (done >= n) {
      cost[from] = 0
      misses[from] = 0
      polls[from] = 0
      continue
    }
    const alive = n - done
    let best = Number.POSITIVE_INFINITY
    let bestMisses = 0
    let bestPolls = 0
    // The next poll at ends[j] + L sees job `done` first; the jobs from `done` up to j (exclusive) end more than L before it.
    for (let j = done; j < n; j += 1) {
      const missed = j - done
      const total = alive + missPrice * missed + (cost[j] ?? 0)
      if (total < best) {
        best = total
        bestMisses = missed + (misses[j] ?? 0)
        bestPolls = alive + (polls[j] ?? 0)
      }
      // Past a poll that would see every job, going later only misses more.
      if ((seen[j] ?? n) >= n) break
    }
    cost[from] = best
    misses[from] = bestMisses
    polls[from] = bestPolls
  }
  return { requests: polls[n] ?? 0, misses: misses[n] ?? 0 }
}

/**
 * The fewest requests (after each job's first poll) that poll plans for `kinds` (each a kind's
 * processing times, ascending) spend when at most `allowedMisses` jobs in all may be seen later
 * than `latencyMs`. Misses are priced by one multiplier shared by the kinds, bisected until the
 * budget holds, so the late jobs fall where they save most. `plan` is the requests of the plan
 * found (achievable); `floor` the Lagrangian lower bound beside it (the plan's requests, less the
 * price times the misses it leaves unused), which no plan within the budget can beat.
 */
export function oracleRequests(kinds: ReadonlyArray<readonly number[]>, latencyMs: number, allowedMisses: number): { readonly floor: number; readonly plan: number } {
  const plans = (price: number) => kinds.map((ends) => planKind(ends, latencyMs, price))
  const total = (price: number) =>
    plans(price).reduce((sum, plan) => ({ requests: sum.requests + plan.requests, misses: sum.misses + plan.misses }), { requests: 0, misses: 0 })
  // A miss priced above every request a job can cost is never worth it; bisect below that.
  let low = 0
  let high = 1 + Math.max(1, ...kinds.map((ends) => ends.length * ends.length))
  for (let step = 0; step < 50 && high - low > 1e-6; step += 1) {
    const middle = (low + high) / 2
    if (total(middle).misses <= allowedMisses) high = middle
    else low = middle
  }
  const best = total(high)
  // Weak duality: for any plan within the budget, requests ≥ requests(λ) + λ·(misses(λ) − allowed).
  return { plan: best.requests, floor: best.requests - high * (allowedMisses - best.misses) }
}

/** How the oracle's budget of late jobs is shared: across all jobs, or within each kind. */
export type MissBudget = 'all jobs' | 'each kind'

/**
 * The oracle floor of a model, in requests per job: a schedule told the true processing times of
 * each kind (as a distribution: not which job takes which) and each job's start (for free, where a
 * schedule must poll to learn it), that polls every job once at its creation, as every watch does,
 * then on the plan that spends fewest requests while at most a share `1 − 0.95` of jobs (of all
 * jobs, or of each kind) are seen later than `latencyMs` after their end (see `oracleRequests`).
 */
export function oracleFloor(jobs: readonly ModelJob[], latencyMs: number, budget: MissBudget = 'all jobs'): { readonly floor: number; readonly plan: number } {
  const byKind = new Map<string, number[]>()
  for (const job of jobs) {
    const key = `${job.key}:${job.jobType}`
    const ends = byKind.get(key) ?? []
    ends.push(job.finishedAt - job.startedAt)
    byKind.set(key, ends)
  }
  const kinds = [...byKind.values()].map((ends) => ends.sort((a, b) => a - b))
  // p95 = the latency at rank floor(0.95·n) of n, ascending: the jobs above that rank may be late.
  const allowed = (count: number): number => count - Math.floor(0.95 * count) - 1
  const parts = budget === 'all jobs' ? [oracleRequests(kinds, latencyMs, allowed(jobs.length))] : kinds.map((ends) => oracleRequests([ends], latencyMs, allowed(ends.length)))
  const sum = (pick: (part: { floor: number; plan: number }) => number) => (jobs.length + parts.reduce((total, part) => total + pick(part), 0)) / jobs.length
  return { floor: sum((part) => part.floor), plan: sum((part) => part.plan) }
}
