/**
 * A bounded sample of durations (the most recent `capacity`), with quantiles. Until it holds
 * `trustAfter` real samples, the prior's pseudo-samples count with them.
 */
export class DurationSamples {
  private readonly values: number[]
  private sorted: number[] | undefined

  constructor(
    private readonly prior: readonly number[],
    initial: readonly number[] = [],
    private readonly capacity = 500,
    private readonly trustAfter = 20,
  ) {
    this.values = initial.slice(-capacity)
  }

  /** Adds one observed duration, dropping the oldest past the capacity. */
  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return
    this.values.push(ms)
    if (this.values.length > this.capacity) this.values.shift()
    this.sorted = undefined
  }

  /** The observed durations, oldest first (the prior excluded). */
  observed(): readonly number[] {
    return this.values
  }

  /** The duration below which a share `p` (0 to 1) of jobs finish. */
  quantile(p: number): number {
    this.sorted ??= [...this.values, ...(this.values.length >= this.trustAfter ? [] : this.prior)].sort((a, b) => a - b)
    const { sorted } = this
    if (sorted.length === 0) return 0
    const position = Math.min(sorted.length - 1, Math.max(0, p * (sorted.length - 1)))
    const below = Math.floor(position)
    const above = Math.min(sorted.length - 1, below + 1)
    return (sorted[below] ?? 0) + ((sorted[above] ?? 0) - (sorted[below] ?? 0)) * (position - below)
  }
}
