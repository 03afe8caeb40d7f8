// fast-check generators of what the Pixii API may answer: valid jobs of every status, with the
// undocumented extra fields the API is allowed to add, and near misses of them.
import fc from 'fast-check'
import type { Job, JobStatus } from '../../src/index.js'

/** An ISO 8601 date-time as the codec accepts it: with or without seconds and fraction, `Z` or an offset. */
export const isoDateTime: fc.Arbitrary<string> = fc
  .tuple(
    fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
    fc.constantFrom('full', 'no-fraction', 'no-seconds'),
    fc.constantFrom('Z', '+00:00', '-05:00', '+05:30', '+0200'),
  )
  .map(([date, precision, zone]) => {
    const iso = date.toISOString()
    const cut = precision === 'full' ? iso.slice(0, -1) : precision === 'no-fraction' ? iso.slice(0, 19) : iso.slice(0, 16)
    return `${cut}${zone}`
  })

/** Field names the API might add that the codecs do not know (kept, not refused). */
const extraFields = fc
  .dictionary(fc.constantFrom('type', 'module', 'images', 'width', 'meta', 'x_trace'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 })
  // What a server can send: fc.jsonValue may hold -0, which JSON writes as 0.
  .map((fields) => JSON.parse(JSON.stringify(fields)) as Record<string, unknown>)

const text = fc.string({ maxLength: 40 })

const succeededAd = fc
  .tuple(fc.webUrl({ withQueryParameters: true }), extraFields)
  .map(([url, extra]) => ({ ...extra, preview_url: url, error: null }))
const failedAd = fc
  .tuple(fc.record({ code: fc.constantFrom('CONTENT_POLICY', 'GENERATION_FAILED', 'TIMEOUT'), message: text }), extraFields)
  .map(([error, extra]) => ({ ...extra, preview_url: null, error }))
const output = fc.record({ ads: fc.array(fc.oneof(succeededAd, failedAd), { maxLength: 8 }) })

/** A valid job of `status` (any status by default), as `Job.decode` must accept it. */
export function validJob(status?: JobStatus): fc.Arbitrary<Job> {
  return fc
    .record({
      id: fc.stringMatching(/^job_[0-9a-f]{8,24}$/),
      job_type: fc.constantFrom('Listing Builder', 'Scale', 'A+ Content'),
      status: status === undefined ? fc.constantFrom<JobStatus>('pending', 'processing', 'completed', 'failed') : fc.constant(status),
      created_at: isoDateTime,
      started_at: fc.option(isoDateTime, { nil: null }),
      completed_at: fc.option(isoDateTime, { nil: null }),
      credit_cost: fc.integer({ min: 0, max: 1_000 }),
      credits_refunded: fc.integer({ min: 0, max: 1_000 }),
      output: fc.option(output, { nil: null }),
      error_code: fc.option(fc.constantFrom('GENERATION_FAILED', 'CONTENT_POLICY', 'E'), { nil: null }),
      extra: extraFields,
    })
    .chain(({ extra, ...job }) =>
      // A completed job always has an output: the one rule the codec adds to the record.
      (job.status === 'completed' && job.output === null ? output.map((o) => ({ ...job, output: o })) : fc.constant(job)).map(
        (fixed) => ({ ...extra, ...fixed }) as Job,
      ),
    )
}

/** The fields of a job, for near misses that damage one of them. */
export const jobFields = [
  'id', 'job_type', 'status', 'created_at', 'started_at', 'completed_at', 'credit_cost', 'credits_refunded', 'output', 'error_code',
] as const

/**
 * A valid job with exactly one field damaged: removed, or replaced by any JSON value (which may by
 * chance be valid), or by a classic near miss (a wrong-cased status, a number as a string, a date
 * without its zone, an ad without `error`). `field` names the damaged field.
 */
export const nearMissJob: fc.Arbitrary<{ readonly job: Record<string, unknown>; readonly field: string }> = fc
  .tuple(
    validJob(),
    fc.constantFrom(...jobFields),
    fc.oneof(
      fc.constant({ kind: 'remove' as const }),
      fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'replace' as const, value })),
      fc
        .constantFrom<unknown>('Completed', 'done', '', '10', '2026-01-01T00:00:00', '2026-13-01T00:00:00Z', -1.5, [], {}, { ads: [{ preview_url: 'x' }] }, { ads: {} })
        .map((value) => ({ kind: 'replace' as const, value })),
    ),
  )
  .map(([job, field, damage]) => {
    const copy: Record<string, unknown> = { ...job }
    if (damage.kind === 'remove') delete copy[field]
    else copy[field] = damage.value
    return { job: copy, field }
  })

/** Bytes of a UTF-8 string. */
export const utf8 = (value: string): Uint8Array => new TextEncoder().encode(value)
