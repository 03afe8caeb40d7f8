/**
 * What one benchmark hands to the runner (`bench/run.ts`): a table, the ratios against the
 * baselines measured in the same run, notes on what was measured and how, and optionally the
 * points of a plot. Every number in it is measured in the run that produced it.
 */
export interface BenchResult {
  /** A heading for the terminal and for `docs/benchmarks.md`. */
  readonly title: string
  /** The table's columns, in order; each row has a value under each of these keys. */
  readonly columns: readonly string[]
  /** One row per strategy or variant measured. */
  readonly rows: ReadonlyArray<Readonly<Record<string, string | number>>>
  /** Ratios against a baseline from the same run, with the target where there is one. */
  readonly ratios: ReadonlyArray<{
    /** What is divided by what, e.g. `requests: ours / fixed 5 s`. */
    readonly label: string
    /** The measured ratio. */
    readonly value: number
    /** The target in words, e.g. `≤ 0.4`. */
    readonly target?: string
    /** Whether the measured value meets the target. */
    readonly met?: boolean
  }>
  /** How it was measured, the model or setup, and why a target is missed if it is. */
  readonly notes: readonly string[]
  /** Points for the SVG plot (benchmark 1: requests per job against p95 latency). */
  readonly plot?: {
    readonly xLabel: string
    readonly yLabel: string
    readonly points: ReadonlyArray<{ readonly label: string; readonly x: number; readonly y: number }>
  }
}
