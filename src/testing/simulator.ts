import type { Observable } from 'rxjs'
import type { Faults } from './faults.js'
import type { SimulatorLedger } from './ledger.js'
import type { JobType, Transition } from './jobRecord.js'
import type { Outcome } from './outcome.js'
import type { ImageRequest, LoggedRequest } from './requestLog.js'

/**
 * A job to insert directly with `Simulator.createJob` (no rate limit, no credit check, no
 * debit, no script): `key` picks the organisation and the duration model (test or live).
 *
 * @example
 * ```ts
 * import { createSimulator, type JobInsert } from 'pixii-rx/testing'
 * const sim = createSimulator()
 * const spec: JobInsert = { key: sim.testKey, jobType: 'Scale', adCount: 3, outcome: { kind: 'failure' }, queuedMs: 0, processingMs: 0 }
 * const id = sim.createJob(spec)
 * console.log(sim.truth(id).at(-1)?.status)
 * // Output: failed
 * ```
 */
export interface JobInsert {
  readonly key: string
  /** Default `Listing Builder`. */
  readonly jobType?: JobType
  /** Default `B000000001`. */
  readonly asin?: string
  /** Default success (the submission script is not consulted). */
  readonly outcome?: Outcome
  readonly queuedMs?: number
  readonly processingMs?: number
  /** Number of ads (Scale items, A+ types cycling Basic, Premium, Premium Mobile). Default: 7, 1, 1. */
  readonly adCount?: number
}

/**
 * A running Pixii simulator: the model, its in-memory `fetch`, its logs and its controls.
 * Every time in it is model time (milliseconds since the epoch on the scheduler's clock).
 *
 * @example
 * ```ts
 * import { createSimulator } from 'pixii-rx/testing'
 * const sim = createSimulator()
 * const id = sim.createJob({ key: sim.testKey, queuedMs: 0, processingMs: 60_000 })
 * const res = await sim.fetch(`/v1/api/jobs/${id}`, { headers: { Authorization: `Bearer ${sim.testKey}` } })
 * const job = (await res.json()) as { status: string }
 * console.log(res.status, job.status, sim.log.length)
 * // Output: 200 processing 1
 * await sim.close()
 * ```
 */
export interface Simulator {
  /** `http://127.0.0.1:PORT` when started with `startSimulator`. */
  readonly url?: string
  /** In-memory fetch on the same model (see `createMemoryFetch`). */
  readonly fetch: typeof globalThis.fetch
  /** A `pk_test_` key of organisation A. */
  readonly testKey: string
  /** A `pk_live_` key of organisation A. */
  readonly liveKey: string
  /** A `pk_test_` key of organisation B, which sees none of A's jobs (and A none of B's). */
  readonly otherOrgKey: string
  /** Adds an organisation; `activeBrand: false` makes its submissions answer 422 `NO_ACTIVE_BRAND`. */
  addOrganisation(opts?: { credits?: number; activeBrand?: boolean }): { testKey: string; liveKey: string; id: string }
  /** Every API request, in arrival order (entries are updated in place as requests progress). */
  readonly log: readonly LoggedRequest[]
  /** Every request to the image host (`/images/...`). */
  readonly imageLog: readonly ImageRequest[]
  /** Each logged request on arrival: everything so far on subscription, then live; completes on `close`. */
  readonly requests$: Observable<LoggedRequest>
  /** Each logged request when its client went away early: replayed, then live; completes on `close`. */
  readonly aborts$: Observable<LoggedRequest>
  /** Resolves once request `seq` is `clientAborted` (at once if it already is); rejects if the simulator closes first. */
  whenAborted(seq: number): Promise<LoggedRequest>
  readonly faults: Faults
  /** Sets the outcome of the next `times` (default 1) accepted submissions, optionally only those for `asin`. */
  script(outcome: Outcome, opts?: { times?: number; asin?: string }): void
  /** Inserts a job directly and returns its id; it is created at the scheduler's `now()`. */
  createJob(spec: JobInsert): string
  /** The transitions job `jobId` has made by now (not future ones), oldest first. Throws on an unknown id. */
  truth(jobId: string): readonly Transition[]
  /** Every job id, all organisations, in creation order. */
  jobIds(): readonly string[]
  /** The organisation's credits left now, by one of its keys. Throws on an unknown key. */
  balance(key: string): number
  /** The truth now: every job (with its ASIN and its images' SHA-256), each organisation's credits, the requests whose client went away. */
  ledger(): SimulatorLedger
  /** Stops the HTTP server, destroying open sockets (hanging requests too); rejects pending in-memory fetches. Idempotent. */
  close(): Promise<void>
}
