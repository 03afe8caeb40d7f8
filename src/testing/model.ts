import type { ResolvedOptions } from './options.js'
import { DEFAULT_IMAGE_BASE_URL } from './options.js'
import { statusAt, type JobRecord } from './jobRecord.js'
import type { Outcome } from './outcome.js'
import { createOutcomeScript, type OutcomeScript } from './outcomeScript.js'
import { planAds } from './pricing.js'
import { createPrng } from './prng.js'
import { createRateLimiter, type RateLimiter } from './rateLimiter.js'
import { createUrlSigner, type UrlSigner } from './urlSigner.js'
import type { Submission } from './validateSubmission.js'

/** What a valid API key stands for. */
export interface KeyInfo {
  readonly orgId: string
  readonly live: boolean
}

/** An organisation: its starting balance and whether it has a brand set up. */
export interface Organisation {
  readonly id: string
  readonly credits: number
  readonly activeBrand: boolean
}

/** A job to insert: durations default to samples of the key's duration ranges. */
export interface JobSpec {
  readonly key: KeyInfo
  readonly submission: Submission
  readonly outcome: Outcome
  readonly queuedMs?: number | undefined
  readonly processingMs?: number | undefined
}

/**
 * The simulated server's state: organisations, keys, jobs, limits, script and URL signer.
 * It holds no timers: every question takes the model time it is asked at.
 *
 * @example
 * ```ts
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * const model = createModel(resolveOptions())
 * const org = model.addOrganisation({})
 * console.log(model.authenticate(`Bearer ${org.testKey}`)?.orgId === org.id, model.authenticate('Bearer nope'))
 * // Output: true undefined
 * ```
 */
export interface Model {
  readonly options: ResolvedOptions
  readonly signer: UrlSigner
  readonly limiter: RateLimiter
  readonly script: OutcomeScript
  /** Every job, in creation order. */
  readonly jobs: ReadonlyMap<string, JobRecord>
  organisation(id: string): Organisation | undefined
  /** Every organisation's id, in creation order. */
  organisationIds(): readonly string[]
  keyInfo(key: string): KeyInfo | undefined
  /** Reads an `Authorization: Bearer <key>` header value. */
  authenticate(authorization: string | null | undefined): KeyInfo | undefined
  addOrganisation(opts: { credits?: number; activeBrand?: boolean }): { testKey: string; liveKey: string; id: string }
  insertJob(spec: JobSpec, now: number): JobRecord
  /** Credits left: the start balance, minus live jobs' costs, plus refunds of live jobs that have ended by `now`. */
  balance(orgId: string, now: number): number
  setImageBaseUrl(url: string): void
}

const HEX = '0123456789abcdef'
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * Creates an empty model (no organisation yet).
 *
 * @example
 * ```ts
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * console.log(createModel(resolveOptions({ seed: 3 })).jobs.size)
 * // Output: 0
 * ```
 */
export function createModel(options: ResolvedOptions): Model {
  const idPrng = createPrng(options.seed, 0)
  const jobPrng = createPrng(options.seed, 1)
  const durationPrng = createPrng(options.seed, 2)
  const secret = createPrng(options.seed, 4).chars(64, HEX)
  let imageBaseUrl = options.imageBaseUrl ?? DEFAULT_IMAGE_BASE_URL
  const orgs = new Map<string, Organisation>()
  const keys = new Map<string, KeyInfo>()
  const jobs = new Map<string, JobRecord>()

  const sample = ([min, max]: readonly [number, number]): number => Math.round(min + durationPrng.next() * (max - min))
  const keyInfo = (key: string): KeyInfo | undefined => keys.get(key)

  return {
    options,
    signer: createUrlSigner(secret, () => imageBaseUrl),
    limiter: createRateLimiter(options.rateLimits),
    script: createOutcomeScript(),
    jobs,
    organisation: (id) => orgs.get(id),
    organisationIds: () => [...orgs.keys()],
    keyInfo,
    authenticate(authorization) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
      return match?.[1] === undefined ? undefined : keyInfo(match[1])
    },
    addOrganisation(opts) {
      const credits = opts.credits ?? options.credits
      if (!(Number.isInteger(credits) && credits >= 0)) {
        throw new RangeError(`pixii-rx/testing: addOrganisation credits must be an integer >= 0, got ${credits}`)
      }
      const id = `org_${idPrng.chars(16, HEX)}`
      const testKey = `pk_test_${idPrng.chars(24, BASE62)}`
      const liveKey = `pk_live_${idPrng.chars(24, BASE62)}`
      orgs.set(id, { id, credits, activeBrand: opts.activeBrand ?? true })
      keys.set(testKey, { orgId: id, live: false })
      keys.set(liveKey, { orgId: id, live: true })
      return { testKey, liveKey, id }
    },
    insertJob(spec, now) {
      const durations = spec.key.live ? options.liveDurations : options.testDurations
      const queued = spec.queuedMs ?? sample(durations.queuedMs)
      const processing = spec.processingMs ?? sample(durations.processingMs)
      const ads = planAds(spec.submission)
      const failedAds = spec.outcome.kind === 'partial' ? Math.min(spec.outcome.failedAds, ads.length) : 0
      const creditCost = ads.reduce((sum, ad) => sum + ad.cost, 0)
      const refund =
        spec.outcome.kind === 'failure' ? creditCost : ads.slice(ads.length - failedAds).reduce((sum, ad) => sum + ad.cost, 0)
      let id = `job_${jobPrng.chars(24, HEX)}`
      while (jobs.has(id)) id = `job_${jobPrng.chars(24, HEX)}`
      const job: JobRecord = {
        id,
        orgId: spec.key.orgId,
        live: spec.key.live,
        jobType: spec.submission.jobType,
        asin: spec.submission.asin,
        createdAt: now,
        startedAt: now + queued,
        completedAt: now + queued + processing,
        outcome: spec.outcome,
        ads,
        creditCost,
        refund,
        failedAds,
      }
      jobs.set(id, job)
      return job
    },
    balance(orgId, now) {
      let left = orgs.get(orgId)?.credits ?? 0
      for (const job of jobs.values()) {
        if (job.orgId !== orgId || !job.live) continue
        left -= job.creditCost
        if (statusAt(job, now) === 'completed' || statusAt(job, now) === 'failed') left += job.refund
      }
      return left
    },
    setImageBaseUrl(url) {
      imageBaseUrl = url.replace(/\/+$/, '')
    },
  }
}
