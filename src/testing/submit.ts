import type { KeyInfo, Model } from './model.js'
import { planAds } from './pricing.js'
import { errorReply, jsonReply, type Reply } from './reply.js'
import { validateSubmission, type SubmissionKind } from './validateSubmission.js'

const parse = (body: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(body) }
  } catch {
    return { ok: false }
  }
}

/**
 * `POST /v1/api/{listing_builder,scale,a_plus}`, checked in this order: rate limits (429),
 * JSON body and fields (400 `VALIDATION_ERROR`), brand (422 `NO_ACTIVE_BRAND`), credits
 * (400 `INSUFFICIENT_CREDITS`, live keys only: test keys spend nothing). An accepted
 * submission takes a rate-limit slot, takes its outcome from the script and answers 202.
 * Every answer carries the `X-RateLimit-*` headers.
 *
 * @example
 * ```ts
 * import { submit } from './submit.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * const model = createModel(resolveOptions())
 * const org = model.addOrganisation({})
 * const key = { orgId: org.id, live: false }
 * const body = JSON.stringify({ asin: 'B000000001', country_code: 'US', types: ['A+ Basic'] })
 * const reply = submit(model, key, 'a_plus', body, 0)
 * console.log(reply.status, reply.headers['X-RateLimit-Remaining-Minute'])
 * // Output: 202 9
 * ```
 */
export function submit(model: Model, key: KeyInfo, kind: SubmissionKind, body: string, at: number): Reply {
  const verdict = model.limiter.check(key.orgId, at)
  const headers = verdict.headers
  if (verdict.exceeded !== undefined) {
    const seconds = verdict.retryAfterSeconds ?? 1
    const code = verdict.exceeded === 'day' ? 'RATE_LIMIT_DAY_EXCEEDED' : 'RATE_LIMIT_MINUTE_EXCEEDED'
    return errorReply(429, code, `Too many submissions this ${verdict.exceeded}; retry in ${seconds} s`, { retry_after: seconds }, {
      ...headers,
      'Retry-After': String(seconds),
    })
  }
  const parsed = parse(body)
  if (!parsed.ok) return errorReply(400, 'VALIDATION_ERROR', 'The body is not valid JSON', { detail: 'body' }, headers)
  const checked = validateSubmission(kind, parsed.value)
  if (!checked.ok) {
    const { field, reason } = checked.problem
    return errorReply(400, 'VALIDATION_ERROR', `${field} ${reason}`, { detail: field }, headers)
  }
  if (model.organisation(key.orgId)?.activeBrand !== true) {
    return errorReply(422, 'NO_ACTIVE_BRAND', 'The organisation has no active brand', {}, headers)
  }
  const cost = planAds(checked.submission).reduce((sum, ad) => sum + ad.cost, 0)
  const balance = model.balance(key.orgId, at)
  if (key.live && balance < cost) {
    return errorReply(400, 'INSUFFICIENT_CREDITS', `This job costs ${cost} credits; ${balance} left`, {}, headers)
  }
  const outcome = model.script.next(checked.submission.asin)
  const job = model.insertJob({ key, submission: checked.submission, outcome }, at)
  return jsonReply(
    202,
    { job_id: job.id, job_type: job.jobType, status: 'pending', created_at: new Date(job.createdAt).toISOString() },
    model.limiter.record(key.orgId, at),
  )
}
