import { expect } from 'chai'
import fc from 'fast-check'
import type * as t from 'io-ts'
import { decodeResponse } from '../../src/api/decodeBody.js'
import { ListJobsQuery } from '../../src/api/ListJobsQuery.js'
import { validateInput } from '../../src/api/validateInput.js'
import { Ad, AdError, ApiErrorBody, APlusRequest, APlusType, Asin, CountryCode, FailedAd, HttpUrl, IsoDateTime, JobAccepted, JobId, JobOutput, JobPage, JobRecord, ListingBuilderRequest, ListingType, NonBlankString, Platform, ScaleItem, ScaleMode, ScaleRequest, SucceededAd } from '../../src/advanced/index.js'
import { isPixiiError, Job, JobStatus, JobSummary } from '../../src/index.js'
import { nearMissJob, validJob } from './arbitraries.js'

// What the API answers, decoded the way the calls decode it (decodeResponse: a value or a DecodeError).
const answerCodecs: ReadonlyArray<t.Decoder<unknown, unknown>> = [
  Job, JobRecord, JobSummary, JobPage, JobAccepted, JobOutput, Ad, AdError, SucceededAd, FailedAd, ApiErrorBody, IsoDateTime, JobStatus,
]
// What the user sends, checked the way the calls check it (validateInput: a value or a ValidationError).
const inputCodecs: ReadonlyArray<t.Decoder<unknown, unknown>> = [
  ListingBuilderRequest, ScaleRequest, ScaleItem, APlusRequest, ListJobsQuery, Asin, CountryCode, HttpUrl, JobId, NonBlankString,
  ListingType, APlusType, Platform, ScaleMode,
]
const context = { method: 'GET' as const, path: '/v1/api/jobs/job_1' }
const answer = (body: unknown) => ({ status: 200, headers: new Headers(), body })

/** Decodes as the calls do; returns what came out, failing on anything but a value or a DecodeError. */
function decodeAnswer(codec: t.Decoder<unknown, unknown>, body: unknown): { ok: true; value: unknown } | { ok: false; issues: readonly { path: string }[] } {
  try {
    return { ok: true, value: decodeResponse(codec, context, answer(body)) }
  } catch (error) {
    if (!isPixiiError(error, 'Decode')) throw new Error(`${codec.name} threw something else than a DecodeError`, { cause: error })
    expect(error.issues.length, `${codec.name}: a DecodeError names at least one issue`).to.be.greaterThan(0)
    expect(error.message).to.be.a('string')
    return { ok: false, issues: error.issues }
  }
}

// Near misses of the documented shapes and JSON's odd corners, besides fc.jsonValue's own.
const oddJson = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom<unknown>({ ['__proto__']: { status: 'completed' } }, JSON.parse('{"__proto__":{"id":"x"}}'), { constructor: 1 }, [[[[]]]], '', 0),
  nearMissJob.map(({ job }) => job),
  fc.tuple(nearMissJob, fc.integer({ min: 0, max: 3 })).map(([{ job }, total]) => ({ data: [job], total, page: 1, limit: 20 })),
  nearMissJob.map(({ job }) => ({ job_id: job['id'], job_type: job['job_type'], status: job['status'], created_at: job['created_at'] })),
  nearMissJob.map(({ job }) => (job['output'] as { ads?: unknown } | null)?.ads ?? job),
)

describe('property: decoding never throws anything but its typed error', () => {
  it('any JSON value fed to each answer codec gives a value or a DecodeError, agreeing with codec.is', () => {
    fc.assert(
      fc.property(oddJson, (body) => {
        for (const codec of answerCodecs) {
          const decoded = decodeAnswer(codec, body)
          expect(decoded.ok, `${codec.name}.is and its decode agree`).to.equal((codec as t.Type<unknown>).is(body))
        }
      }),
      { numRuns: 150 },
    )
  })

  it('any JSON value fed to each request codec gives a value or a client ValidationError', () => {
    fc.assert(
      fc.property(oddJson, (input) => {
        for (const codec of inputCodecs) {
          const checked = validateInput(codec, input)
          if (checked.ok) continue
          expect(checked.error).to.include({ _tag: 'Validation', source: 'client' })
          expect(checked.error.issues.length).to.be.greaterThan(0)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('a job with one damaged field decodes, or fails naming only that field', () => {
    fc.assert(
      fc.property(nearMissJob, ({ job, field }) => {
        const decoded = decodeAnswer(Job, job)
        if (decoded.ok) return
        // `status` and `output` are tied by one rule: a completed job must have an output.
        const named = field === 'status' || field === 'output' ? ['status', 'output'] : [field]
        for (const { path } of decoded.issues) expect(named.some((name) => path === name || path.startsWith(`${name}/`)), path).to.equal(true)
      }),
      { numRuns: 300 },
    )
  })
})

describe('property: every valid job round-trips', () => {
  it('decode(JSON of encode(job)) equals the job, for every status, extra fields kept', () => {
    fc.assert(
      fc.property(validJob(), (job) => {
        const wire = JSON.parse(JSON.stringify(Job.encode(job))) as unknown
        const decoded = decodeAnswer(Job, wire)
        expect(decoded).to.deep.equal({ ok: true, value: job })
      }),
      { numRuns: 200 },
    )
  })

  it('so do pages of their summaries and the accepted answer of a submission', () => {
    fc.assert(
      fc.property(fc.array(validJob(), { maxLength: 5 }), fc.nat(1_000), (jobs, total) => {
        const page = { data: jobs.map(({ id, job_type, status, created_at }) => ({ id, job_type, status, created_at })), total, page: 1, limit: 20 }
        expect(decodeAnswer(JobPage, JSON.parse(JSON.stringify(JobPage.encode(page))))).to.deep.equal({ ok: true, value: page })
        for (const { id, job_type, status, created_at } of jobs) {
          const accepted = { job_id: id, job_type, status, created_at }
          expect(decodeAnswer(JobAccepted, JSON.parse(JSON.stringify(accepted)))).to.deep.equal({ ok: true, value: accepted })
        }
      }),
      { numRuns: 100 },
    )
  })

  it('each status appears among the generated jobs (the generator covers them all)', () => {
    const seen = new Set(fc.sample(validJob(), { numRuns: 200, seed: 9 }).map((job) => job.status))
    expect([...seen].sort()).to.deep.equal(['completed', 'failed', 'pending', 'processing'])
  })
})
