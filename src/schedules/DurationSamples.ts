/** Linear interpolation between order statistics of `sorted` (ascending, non-empty). */
export function quantileOf(sorted: readonly number[], p: number): number {
  const position = Math.min(sorted.length - 1, Math.max(0, p * (sorted.length - 1)))
  const below = Math.floor(position)
  const above = Math.min(sorted.length - 1, below + 1)
  const low = sorted[below] ?? 0
  return low + ((sorted[above] ?? low) - low) * (position - below)
}

/**
 * A bounded sample of observed durations (the most recent `capacity`), sorted on demand: the
 * queue times of a kind (processing times, which running jobs censor, are `SurvivalSamples`).
 */
export class DurationSamples {
  private readonly values: number[]
  private sortedCache: number[] | undefined

  constructor(initial: readonly number[] = [], private readonly capacity = 500) {
    this.values = initial.filter((ms) => Number.isFinite(ms) && ms >= 0).slice(-capacity)
  }

  /** Adds one observed duration, dropping the oldest past the capacity. */
  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return
    this.values.push(ms)
    if (this.values.length > this.capacity) this.values.shift()
    this.sortedCache = undefined
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
