/** Where completion is likely enough to poll densely: from `start` to `end` (∞: no end yet, keep polling densely). */
export interface DenseWindow {
  readonly start: number
  readonly end: number
}

/** One job's processing time: finished (`done`), or at least `ms` so far (still running when last seen). */
interface Observation {
  readonly ms: number
  readonly done: boolean
}

/** The survival curve: at each time an observed job ended, the share of jobs still running after it. */
interface Curve {
  readonly times: readonly number[]
  readonly survival: readonly number[]
  /** Finished jobs behind the curve. */
  readonly finished: number
}

/**
 * The processing times of the most recent jobs of a kind (`capacity`), those still running
 * included as "at least this long" (censored), read as a Kaplan–Meier survival curve. Counting
 * only finished jobs would make a kind look fast early on, when only its short jobs have had
 * time to finish; a job still running past every finished one leaves the curve open above (no
 * evidence says when it ends), and a schedule must then keep polling densely.
 */
export class SurvivalSamples {
  // Finished and running jobs are kept apart, so that many jobs running at once (a catalogue run)
  // never push the finished ones, the evidence, out.
  private readonly observations = new Map<string, Observation>()
  private readonly running = new Map<string, Observation>()
  private curveCache: Curve | undefined
  private windowCache: { readonly coverage: number; readonly window: DenseWindow } | undefined
  /** Running jobs' times change on every answer: the curve is refreshed for them at most this often. */
  private staleRunning = 0

  constructor(
    restored: readonly number[] = [],
    private readonly capacity = 500,
    private readonly runningCapacity = 4 * capacity,
  ) {
    restored.slice(-capacity).forEach((ms, n) => {
      if (Number.isFinite(ms) && ms >= 0) this.observations.set(`restored:${n}`, { ms, done: true })
    })
  }

  /** Records what an answer says about job `id`: finished after `ms`, or running for `ms` so far. */
  record(id: string, ms: number, done: boolean): void {
    if (!Number.isFinite(ms) || ms < 0 || this.observations.has(id)) return
    const known = this.running.has(id)
    const into = done ? this.observations : this.running
    if (done) this.running.delete(id)
    if (!(known && !done) && into.size >= (done ? this.capacity : this.runningCapacity)) into.delete(into.keys().next().value as string)
    into.set(id, { ms, done })
    // A running job's time grows on every answer: the curve follows those at most every tenth of them.
    if (done || !known || (this.staleRunning += 1) > (this.observations.size + this.running.size) / 10) this.invalidate()
  }

  /** Finished processing times, oldest first (what `exportState` saves). */
  finished(): number[] {
    return [...this.observations.values()].filter((observation) => observation.done).map((observation) => observation.ms)
  }

  /** How many finished jobs the curve rests on. */
  get count(): number {
    return this.curve().finished
  }

  /** The shortest finished time, if any. */
  shortest(): number | undefined {
    return this.curve().times[0]
  }

  /**
   * The cheapest stretch to poll densely so that a share `coverage` of jobs ends inside it. With n
   * finished jobs the share asked of the curve is coverage·(n+1)/n, as the k-th smallest of n
   * bounds a share k/(n+1) on average; the first point sits a little below the shortest time (by
   * the mean gap n samples leave), and past the curve's last finished job an open curve (jobs
   * still running beyond it) leaves the stretch without end. Of the candidates, the one with the
   * least expected time alive inside it (each running job is polled once a step) wins: that
   * leaves out where jobs rarely end, the start and a long tail.
   */
  denseWindow(coverage: number): DenseWindow | undefined {
    if (this.windowCache?.coverage === coverage) return this.windowCache.window
    const { times, survival, finished } = this.curve()
    const first = times[0]
    if (first === undefined) return undefined
    const target = (coverage * (finished + 1)) / finished
    // points[0] sits below the shortest time by the mean gap n samples leave; S = 1 up to times[0].
    const points = [first * (finished / (finished + 1)), ...times]
    const after = [1, ...survival]
    const open = survival[survival.length - 1] ?? 0
    // alive[m]: the expected time alive between points[0] and points[m].
    const alive = [0]
    for (let m = 0; m + 1 < points.length; m += 1) alive.push((alive[m] ?? 0) + ((points[m + 1] ?? 0) - (points[m] ?? 0)) * (after[m] ?? 0))
    let best: DenseWindow = { start: points[0] ?? 0, end: Infinity }
    let bestCost = Infinity
    let j = 0
    for (let i = 0; i < points.length; i += 1) {
      // The share ending in (points[i], points[j]]: S just after points[i] (1 before the first) less S after points[j].
      const from = i === 0 ? 1 : (after[i] ?? 0)
      j = Math.max(j, i)
      while (j < points.length && from - (after[j] ?? 0) < target) j += 1
      if (j >= points.length) {
        if (from - 0 >= target && open > 0 && bestCost === Infinity) best = { start: points[i] ?? 0, end: Infinity }
        break
      }
      const cost = (alive[j] ?? 0) - (alive[i] ?? 0)
      if (cost < bestCost) {
        bestCost = cost
        best = { start: points[i] ?? 0, end: points[j] ?? Infinity }
      }
    }
    this.windowCache = { coverage, window: best }
    return best
  }

  /**
   * Quantiles `ps` of the processing time of a job that has run `elapsed` so far (the curve
   * conditioned on lasting that long), and how many jobs are behind it; `undefined` when the
   * curve does not reach the highest quantile (too few jobs have lasted that long and finished).
   */
  beyond(elapsed: number, ps: readonly number[]): { readonly values: readonly number[]; readonly count: number } | undefined {
    const { times, survival } = this.curve()
    let index = 0
    while (index < times.length && (times[index] ?? 0) <= elapsed) index += 1
    const base = index === 0 ? 1 : (survival[index - 1] ?? 0)
    if (base <= 0) return undefined
    const values: number[] = []
    for (const p of ps) {
      let k = index
      while (k < times.length && (survival[k] ?? 0) / base > 1 - p + 1e-9) k += 1
      const time = times[k]
      if (time === undefined) return undefined
      values.push(time)
    }
    return { values, count: times.length - index }
  }

  private invalidate(): void {
    this.curveCache = undefined
    this.windowCache = undefined
    this.staleRunning = 0
  }

  private curve(): Curve {
    if (this.curveCache !== undefined) return this.curveCache
    const sorted = [...this.observations.values(), ...this.running.values()].sort((a, b) => a.ms - b.ms || Number(b.done) - Number(a.done))
    const times: number[] = []
    const survival: number[] = []
    let atRisk = sorted.length
    let left = 1
    let finished = 0
    for (const { ms, done } of sorted) {
      if (done) {
        left *= 1 - 1 / atRisk
        finished += 1
        times.push(ms)
        survival.push(left)
      }
      atRisk -= 1
    }
    this.curveCache = { times, survival, finished }
    return this.curveCache
  }
}
