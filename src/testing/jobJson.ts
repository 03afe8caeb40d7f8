import { RETENTION_MS, type JobRecord, type JobStatus } from './jobRecord.js'
import type { UrlSigner } from './urlSigner.js'

/** How many module images an A+ ad carries (an undocumented extra field). */
const A_PLUS_MODULES = 2

const iso = (ms: number): string => new Date(ms).toISOString()

function renderAds(job: JobRecord, signer: UrlSigner): unknown[] {
  const expires = Math.floor((job.completedAt + RETENTION_MS) / 1000)
  const firstFailed = job.ads.length - job.failedAds
  const errorCode = (job.outcome.kind === 'partial' ? job.outcome.errorCode : undefined) ?? 'IMAGE_GENERATION_FAILED'
  return job.ads.map((ad, i) => {
    const n = i + 1
    const failed = i >= firstFailed
    const base = failed
      ? { preview_url: null, error: { code: errorCode, message: `Image ${n} could not be generated` } }
      : { preview_url: signer.sign(`/images/${job.id}/${n}.png`, expires), error: null }
    if (ad.aPlusType === undefined) return base
    const modules = failed
      ? []
      : Array.from({ length: A_PLUS_MODULES }, (_, m) => ({
          image_url: signer.sign(`/images/${job.id}/${n}-${m + 1}.png`, expires),
        }))
    return { ...base, type: ad.aPlusType, modules }
  })
}

/**
 * The JSON of `GET /v1/api/jobs/{id}` for `job` as it is in `status`: exactly the fields of
 * PIXII_API.md, in its order. Timestamps are ISO 8601 with milliseconds and `Z`.
 *
 * @example
 * ```ts
 * import { renderJob } from './jobJson.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * const model = createModel(resolveOptions())
 * const org = model.addOrganisation({})
 * const key = { orgId: org.id, live: false }
 * const submission = { jobType: 'Scale', asin: 'B000000001', itemCount: 1 } as const
 * const job = model.insertJob({ key, submission, outcome: { kind: 'success' }, queuedMs: 100, processingMs: 200 }, 0)
 * const pending = renderJob(job, 'pending', model.signer)
 * console.log(Object.keys(pending).join(' '))
 * // Output: id job_type status created_at started_at completed_at credit_cost credits_refunded output error_code
 * console.log(pending['created_at'], pending['started_at'], pending['output'])
 * // Output: 1970-01-01T00:00:00.000Z null null
 * ```
 */
export function renderJob(job: JobRecord, status: JobStatus, signer: UrlSigner): Record<string, unknown> {
  const started = status !== 'pending'
  const done = status === 'completed' || status === 'failed'
  return {
    id: job.id,
    job_type: job.jobType,
    status,
    created_at: iso(job.createdAt),
    started_at: started ? iso(job.startedAt) : null,
    completed_at: done ? iso(job.completedAt) : null,
    credit_cost: job.creditCost,
    credits_refunded: done ? job.refund : 0,
    output: status === 'completed' ? { ads: renderAds(job, signer) } : null,
    error_code:
      status === 'failed' ? ((job.outcome.kind === 'failure' ? job.outcome.errorCode : undefined) ?? 'GENERATION_FAILED') : null,
  }
}

/**
 * A job summary of `GET /v1/api/jobs?asin=`: exactly `{ id, job_type, status, created_at }`.
 *
 * @example
 * ```ts
 * import { renderSummary } from './jobJson.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * const model = createModel(resolveOptions())
 * const org = model.addOrganisation({})
 * const key = { orgId: org.id, live: false }
 * const submission = { jobType: 'Scale', asin: 'B000000001', itemCount: 1 } as const
 * const job = model.insertJob({ key, submission, outcome: { kind: 'success' }, queuedMs: 100, processingMs: 200 }, 0)
 * console.log(Object.keys(renderSummary(job, 'processing')).join(' '))
 * // Output: id job_type status created_at
 * ```
 */
export function renderSummary(job: JobRecord, status: JobStatus): Record<string, unknown> {
  return { id: job.id, job_type: job.jobType, status, created_at: iso(job.createdAt) }
}
