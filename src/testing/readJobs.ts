import { isExpired, previousStatus, statusAt, type JobRecord } from './jobRecord.js'
import { renderJob, renderSummary } from './jobJson.js'
import type { KeyInfo, Model } from './model.js'
import { errorReply, jsonReply, type Reply } from './reply.js'

const visible = (job: JobRecord | undefined, key: KeyInfo, at: number): job is JobRecord =>
  job !== undefined && job.orgId === key.orgId && !isExpired(job, at)

/**
 * `GET /v1/api/jobs/{id}`: the job as it is at model time `at` (or in its previous status when
 * `stale`). Another organisation's job, an unknown id and an expired record all answer 404.
 *
 * @example
 * ```ts
 * import { getJob } from './readJobs.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * const model = createModel(resolveOptions())
 * const org = model.addOrganisation({})
 * const key = { orgId: org.id, live: false }
 * console.log(getJob(model, key, 'job_000000000000000000000000', 0, false).status)
 * // Output: 404
 * ```
 */
export function getJob(model: Model, key: KeyInfo, jobId: string, at: number, stale: boolean): Reply {
  const job = model.jobs.get(jobId)
  if (!visible(job, key, at)) return errorReply(404, 'JOB_NOT_FOUND', 'Job not found')
  const status = statusAt(job, at)
  return jsonReply(200, renderJob(job, stale ? previousStatus(status) : status, model.signer))
}

/**
 * What a `misdirected` fault answers to `GET /v1/api/jobs/{id}`: a well-formed 200 about another
 * job, as it is at model time `at`: the organisation's job created just before `jobId`, or, for
 * its first job, `jobId`'s own record under another id (its last digit changed). What `getJob`
 * would not answer with a 200 is answered as `getJob` does.
 *
 * @example
 * ```ts
 * import { misdirectedJob } from './readJobs.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * const model = createModel(resolveOptions())
 * const org = model.addOrganisation({})
 * const key = { orgId: org.id, live: false }
 * const submission = { jobType: 'Scale', asin: 'B000000001', itemCount: 1 } as const
 * const first = model.insertJob({ key, submission, outcome: { kind: 'success' } }, 0)
 * const second = model.insertJob({ key, submission, outcome: { kind: 'success' } }, 0)
 * const about = (id: string): unknown => JSON.parse(Buffer.from(misdirectedJob(model, key, id, 0).body).toString()).id
 * console.log(about(second.id) === first.id, about(first.id) === first.id, String(about(first.id)).length)
 * // Output: true false 28
 * ```
 */
export function misdirectedJob(model: Model, key: KeyInfo, jobId: string, at: number): Reply {
  const asked = model.jobs.get(jobId)
  if (!visible(asked, key, at)) return getJob(model, key, jobId, at, false)
  let before: JobRecord | undefined
  for (const job of model.jobs.values()) {
    if (job === asked) break
    if (visible(job, key, at)) before = job
  }
  const other = before ?? { ...asked, id: `${jobId.slice(0, -1)}${jobId.endsWith('0') ? '1' : '0'}` }
  return jsonReply(200, renderJob(other, statusAt(other, at), model.signer))
}

const positive = (raw: string | undefined, fallback: number, max: number): number | undefined => {
  if (raw === undefined) return fallback
  if (!/^\d+$/.test(raw)) return undefined
  const n = Number(raw)
  return n >= 1 && n <= max ? n : undefined
}

/**
 * `GET /v1/api/jobs?asin=&page=&limit=`: the organisation's jobs for one ASIN, newest first.
 * `asin` must have 5 to 15 characters, `page` is an integer from 1, `limit` from 1 to 100
 * (default 20); anything else is a 400 `VALIDATION_ERROR` naming the parameter.
 *
 * @example
 * ```ts
 * import { listJobs } from './readJobs.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * const model = createModel(resolveOptions())
 * const org = model.addOrganisation({})
 * const key = { orgId: org.id, live: false }
 * const reply = listJobs(model, key, { asin: 'B000000001', limit: '5' }, 0, false)
 * console.log(reply.status, Buffer.from(reply.body).toString())
 * // Output: 200 {"data":[],"total":0,"page":1,"limit":5}
 * ```
 */
export function listJobs(model: Model, key: KeyInfo, query: Readonly<Record<string, string>>, at: number, stale: boolean): Reply {
  const asin = query['asin']
  if (asin === undefined || asin.length < 5 || asin.length > 15) {
    return errorReply(400, 'VALIDATION_ERROR', 'asin is required and must have 5 to 15 characters', { detail: 'asin' })
  }
  const page = positive(query['page'], 1, Number.MAX_SAFE_INTEGER)
  if (page === undefined) return errorReply(400, 'VALIDATION_ERROR', 'page must be an integer >= 1', { detail: 'page' })
  const limit = positive(query['limit'], 20, 100)
  if (limit === undefined) return errorReply(400, 'VALIDATION_ERROR', 'limit must be an integer from 1 to 100', { detail: 'limit' })
  const matching = [...model.jobs.values()]
    .filter((job) => job.asin === asin && visible(job, key, at))
    .reverse()
    .sort((a, b) => b.createdAt - a.createdAt)
  const data = matching.slice((page - 1) * limit, page * limit).map((job) => {
    const status = statusAt(job, at)
    return renderSummary(job, stale ? previousStatus(status) : status)
  })
  return jsonReply(200, { data, total: matching.length, page, limit })
}
