import type { SchedulerLike } from 'rxjs'
import type { SubmissionLimiter } from '../submit/limiter/SubmissionLimiter.js'
import type { SubmissionLimits } from '../submit/limiter/SubmissionLimits.js'
import type { JournalEntry } from './JournalEntry.js'

/**
 * A record a store could not read back, and where: reported, never fatal.
 *
 * @example
 * ```ts
 * import type { JournalProblem } from 'pixii-rx/catalogue'
 * const problem: JournalProblem = { where: 'line 12', message: 'checksum mismatch' }
 * ```
 */
export interface JournalProblem {
  /** Where it was (a line of the embedded journal, a key of another store). */
  readonly where: string
  readonly message: string
}

/**
 * What a store holds when a run opens it.
 *
 * @example
 * ```ts
 * import type { StoreContents } from 'pixii-rx/catalogue'
 * const empty: StoreContents = { entries: [], problems: [] }
 * ```
 */
export interface StoreContents {
  /** Every readable entry, in the order they were recorded. */
  readonly entries: readonly JournalEntry[]
  /** Records that could not be read (a torn last record is not one: it was never acknowledged). */
  readonly problems: readonly JournalProblem[]
}

/**
 * Where a catalogue run keeps what it knows, so that a run killed at any instant resumes without
 * paying twice or losing an image. The run's logic only talks to this interface: the embedded
 * journal (`createJournalStore`) is one file on one machine; a store shared by several workers
 * (on Redis, say) implements the same methods and uses `claim` for leases and `createLimiter`
 * for the organisation's limits.
 *
 * Every method is asynchronous; a failure (a full disk, a lost connection) rejects with a typed
 * error, and the run stops rather than go on with work it could not record.
 *
 * @example
 * ```ts
 * import type { CatalogueStore, JournalEntry } from 'pixii-rx/catalogue'
 * // A store that keeps entries in memory: it survives nothing, but shows the contract.
 * function memoryStore(): CatalogueStore {
 *   const entries: JournalEntry[] = []
 *   return {
 *     open: async () => ({ entries: [...entries], problems: [] }),
 *     append: async (entry) => void entries.push(entry),
 *     claim: async () => true,
 *     release: async () => undefined,
 *     close: async () => undefined,
 *   }
 * }
 * const store = memoryStore()
 * await store.open()
 * await store.append({ kind: 'accepted', row: 'r1', at: 0, jobId: 'job_1', adopted: false })
 * console.log((await store.open()).entries.length)
 * // Output: 1
 * ```
 */
export interface CatalogueStore {
  /**
   * Takes the store for this run and reads it. Refuses (rejects with a `JournalLocked` error)
   * when another live run holds it, and a format it does not know (`JournalFormat`).
   */
  open(): Promise<StoreContents>
  /** Records `entry`; resolves once it would survive a kill or a power loss. */
  append(entry: JournalEntry): Promise<void>
  /**
   * Asks for the right to work on a row now, for `leaseMs`. A store used by one process (the
   * embedded journal) owns every row and always says yes; a shared one leases the row to one
   * worker at a time, and gives it to another when the lease lapses.
   */
  claim(row: string, leaseMs: number): Promise<boolean>
  /** Gives a row back (its work is done for this run). */
  release(row: string): Promise<void>
  /**
   * A shared store: the entries other workers recorded since this one last read (at `open` or
   * the last `refresh`). The run folds them in after each claim, before it works the row, so a
   * row taken over from a dead worker is resolved from what that worker recorded.
   */
  refresh?(): Promise<readonly JournalEntry[]>
  /**
   * A shared store: waits until the row is free (its holder released it, or died and its lease
   * lapsed), then claims it; false when the store was closed meanwhile. The run calls it, after
   * its other rows, for each row it found claimed, so that no row is left to a dead worker.
   */
  claimWhenFree?(row: string, leaseMs: number): Promise<boolean>
  /**
   * The submission limiter of the organisation, when the store shares one between processes.
   * Without it, a run makes its own, seeded with the submissions its entries record.
   */
  createLimiter?(limits: Required<SubmissionLimits>, scheduler: SchedulerLike): SubmissionLimiter
  /** Lets the store go: the lock or the leases are freed. Safe to call twice. */
  close(): Promise<void>
}
