import { createHash } from 'node:crypto'
import { statusAt, type JobRecord, type JobStatus, type JobType } from './jobRecord.js'
import type { Model } from './model.js'
import { pngFor } from './png.js'
import type { RequestLog } from './requestLog.js'

/**
 * One job as the simulator knows it: what a client could read of it, plus what no client can
 * see (its organisation, its ASIN, the SHA-256 of each image it serves).
 *
 * @example
 * ```ts
 * import type { LedgerJob } from 'pixii-rx/testing'
 * const job: LedgerJob = {
 *   id: 'job_1', org: 'org_1', live: true, jobType: 'Scale', asin: 'B000000001', createdAt: 0, status: 'completed',
 *   creditCost: 20, creditsRefunded: 10, images: [{ ad: 1, path: '/images/job_1/1.png', sha256: 'ab…' }, null],
 * }
 * ```
 */
export interface LedgerJob {
  readonly id: string
  readonly org: string
  /** Submitted with a live key (its credits are spent). */
  readonly live: boolean
  readonly jobType: JobType
  readonly asin: string
  /** Model time of creation, in ms since the epoch. */
  readonly createdAt: number
  /** Its status now. */
  readonly status: JobStatus
  readonly creditCost: number
  /** Credits given back so far (all of them once the job has ended). */
  readonly creditsRefunded: number
  /** Once completed: each ad's main image (`ad` counts from 1) and its SHA-256, `null` for an ad that failed; empty before. */
  readonly images: readonly ({ readonly ad: number; readonly path: string; readonly sha256: string } | null)[]
}

/**
 * The simulator's truth at one instant: every job of every organisation, the credits each
 * organisation started with and has left, and the API requests whose client went away before
 * the answer was delivered, the 429s it sent and when each accepted submission arrived (to check
 * a rate limit from outside). `Simulator.ledger()` returns it; `pixii-rx simulate --ledger`
 * serves it as JSON at `GET /_simulator/ledger` on its loopback port.
 *
 * @example
 * ```ts
 * import { createSimulator } from 'pixii-rx/testing'
 * const sim = createSimulator({ testDurations: { queuedMs: [0, 0], processingMs: [0, 0] } })
 * sim.createJob({ key: sim.liveKey, jobType: 'Scale', asin: 'B0LEDGER01', adCount: 2 })
 * const ledger = sim.ledger()
 * console.log(ledger.jobs.length, ledger.jobs[0]?.asin, ledger.organisations.length)
 * // Output: 1 B0LEDGER01 2
 * await sim.close()
 * ```
 */
export interface SimulatorLedger {
  /** Model time of this reading. */
  readonly at: number
  /** Every job, in creation order. */
  readonly jobs: readonly LedgerJob[]
  /** Each organisation with its starting credits and what is left now (live jobs spend, test jobs do not). */
  readonly organisations: readonly { readonly id: string; readonly credits: number; readonly left: number }[]
  readonly requests: {
    /** API requests seen (image requests excluded). */
    readonly total: number
    /** Image requests seen. */
    readonly images: number
    /** API requests that a fault was injected into, by the fault's kind (`reset`: an answer lost after the job was created). */
    readonly faulted: Readonly<Record<string, number>>
    /** API requests whose client went away before the whole answer was delivered, in arrival order. */
    readonly abortedByClient: readonly { readonly seq: number; readonly method: string; readonly path: string; readonly status: number | null }[]
    /** API requests answered 429 (a rate limit of the organisation, or an injected `rate-limit` fault). */
    readonly rateLimited: number
    /** Model time of arrival of each submission (a POST) answered 2xx, in arrival order: what counted against the limits. */
    readonly submissionsAcceptedAt: readonly number[]
  }
}

const isAccepted = (status: number | undefined): boolean => status !== undefined && status >= 200 && status < 300

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

function ledgerJob(job: JobRecord, now: number): LedgerJob {
  const status = statusAt(job, now)
  const ended = status === 'completed' || status === 'failed'
  const firstFailed = job.ads.length - job.failedAds
  // The same paths as the job's `preview_url`s (see jobJson.ts), whose bytes `pngFor` serves.
  const images = status === 'completed'
    ? job.ads.map((_, index) => {
        if (index >= firstFailed) return null
        const path = `/images/${job.id}/${index + 1}.png`
        return { ad: index + 1, path, sha256: sha256(pngFor(path)) }
      })
    : []
  return {
    id: job.id, org: job.orgId, live: job.live, jobType: job.jobType, asin: job.asin, createdAt: job.createdAt, status,
    creditCost: job.creditCost, creditsRefunded: ended ? job.refund : 0, images,
  }
}

/**
 * Reads the ledger of a model and its request log at model time `now`.
 *
 * @example
 * ```ts
 * import { readLedger } from './ledger.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * import { createRequestLog } from './requestLog.js'
 * const model = createModel(resolveOptions())
 * model.addOrganisation({ credits: 50 })
 * console.log(JSON.stringify(readLedger(model, createRequestLog(), 0).organisations.map((org) => org.left)))
 * // Output: [50]
 * ```
 */
export function readLedger(model: Model, log: RequestLog, now: number): SimulatorLedger {
  return {
    at: now,
    jobs: [...model.jobs.values()].map((job) => ledgerJob(job, now)),
    organisations: model.organisationIds().map((id) => ({ id, credits: model.organisation(id)?.credits ?? 0, left: model.balance(id, now) })),
    requests: {
      total: log.entries.length,
      images: log.images.length,
      faulted: log.entries.reduce<Record<string, number>>((counts, entry) => {
        if (entry.fault !== undefined) counts[entry.fault] = (counts[entry.fault] ?? 0) + 1
        return counts
      }, {}),
      abortedByClient: log.entries
        .filter((entry) => entry.clientAborted)
        .map((entry) => ({ seq: entry.seq, method: entry.method, path: entry.path, status: entry.status ?? null })),
      rateLimited: log.entries.filter((entry) => entry.status === 429).length,
      submissionsAcceptedAt: log.entries.filter((entry) => entry.method === 'POST' && isAccepted(entry.status)).map((entry) => entry.at),
    },
  }
}
