/** What a chaos run found wrong with one job's watch; every count should be zero. */
export interface Verdict {
  /** 1 when a watch the run did not cancel ended without delivering the job's final state. */
  readonly lost: number
  /** Emissions with the same status as the one before. */
  readonly duplicated: number
  /** Emissions with a lower status rank than the one before (reordered or backwards). */
  readonly backwards: number
  /** Emissions of a status the job never had by the simulator's ground truth. */
  readonly phantom: number
  /** 1 when the final state was delivered but differs from the ground truth. */
  readonly wrongFinal: number
  /** 1 when the watch gave up with `RetriesExhausted` (also counted as lost). */
  readonly retriesExhausted: number
  /** Emissions about another job than the one watched (a `misdirected` answer let through). */
  readonly foreign: number
  /**
   * 1 when the job never finished during the run and its watch did not end by its overall deadline:
   * a `Timeout` of deadline `total` carrying the last job emitted, with the job's id and a status
   * it really had.
   */
  readonly wrongDeadline: number
}
