/** Where completion is likely enough to poll densely: from `start` to `end` (∞: no end yet, keep polling densely). */
export interface DenseWindow {
  readonly start: number
  readonly end: number
}

/** Linear interpolation between order statistics of `sorted` (ascending, non-empty). */
export function quantileOf(sorted: readonly number[], p: number): number {
  const position = Math.min(sorted.length - 1, Math.max(0, p * (sorted.length - 1)))
  const below = Math.floor(position)
  const above = Math.min(sorted.length - 1, below + 1)
  const low = sorted[below] ?? 0
  return low + ((sorted[above] ?? low) - low) * (position - below)
}

/**
 * A bounded sample of observed durations (the most recent `capacity`), sorted on demand. Only
 * what was observed (or restored from an exported state) counts as evidence; a prior never does.
 */
export class DurationSamples {
  private readonly values: number[]
  private sortedCache: number[] | undefined
  private windowCache: { readonly coverage: number; readonly window: DenseWindow } | undefined

  constructor(initial: readonly number[] = [], private readonly capacity = 500) {
    this.values = initial.filter((ms) => Number.isFinite(ms) && ms >= 0).slice(-capacity)
  }

  /** Adds one observed duration, dropping the oldest past the capacity. */
  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return
    this.values.push(ms)
    if (this.values.length > this.capacity) this.values.shift()
    this.sortedCache = undefined
    this.windowCache = undefined
  }

  /** The observed durations, oldest first. */
  observed(): readonly number[] {
    return this.values
  }

  get count(): number {
    return this.values.length
  }

  /** The observed durations, ascending. */
  sorted(): readonly number[] {
    this.sortedCache ??= [...this.values].sort((a, b) => a - b)
    return this.sortedCache
  }

  /**
   * The cheapest stretch to poll densely so that a share `coverage` of jobs ends inside it. With n
   * samples, the k-th smallest bounds a share k/(n+1) of jobs on average, so the stretch runs
   * between two order statistics k = ⌈coverage·(n+1)⌉ apart, counting a point a little below
   * the smallest and ∞ above the largest (with few samples only those reach far enough). Of the
   * candidates, the one with the least expected time alive inside it (each job still running is
   * polled once a step) wins: that leaves out the stretches where jobs rarely end, the start
   * and a long tail.
   */
  denseWindow(coverage: number): DenseWindow | undefined {
    if (this.windowCache?.coverage === coverage) return this.windowCache.window
    const sorted = this.sorted()
    const n = sorted.length
    if (n === 0) return undefined
    // Points x_0 (below the smallest, by the mean gap a sample of n leaves) .. x_n, then ∞.
    const first = sorted[0] ?? 0
    const points = [first * (n / (n + 1)), ...sorted]
    const k = Math.ceil(coverage * (n + 1))
    // alive[m]: the expected time alive between x_0 and x_m, per job.
    const alive = [0]
    for (let m = 0; m < n; m += 1) alive.push((alive[m] ?? 0) + ((points[m + 1] ?? 0) - (points[m] ?? 0)) * (m === 0 ? 1 : (n - m) / n))
    let best: DenseWindow = { start: points[0] ?? 0, end: Number.POSITIVE_INFINITY }
    let bestCost = Number.POSITIVE_INFINITY
    for (let i = 0; i + k <= n; i += 1) {
      const cost = (alive[i + k] ?? 0) - (alive[i] ?? 0)
      if (cost < bestCost) {
        bestCost = cost
        best = { start: points[i] ?? 0, end: points[i + k] ?? Number.POSITIVE_INFINITY }
      }
    }
    this.windowCache = { coverage, window: best }
    return best
  }

  /** Quantiles `ps` of the durations longer than `elapsed`, with how many there are (0: none is). */
  beyond(elapsed: number, ps: readonly number[]): { readonly values: readonly number[]; readonly count: number } {
    const sorted = this.sorted()
    let from = 0
    let to = sorted.length
    while (from < to) {
      const middle = (from + to) >> 1
      if ((sorted[middle] ?? 0) > elapsed) to = middle
      else from = middle + 1
    }
    const rest = sorted.slice(from)
    return { values: rest.length === 0 ? [] : ps.map((p) => quantileOf(rest, p)), count: rest.length }
  }
}
