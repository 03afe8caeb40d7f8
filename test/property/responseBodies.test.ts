import { expect } from 'chai'
import fc from 'fast-check'
import { inspect } from 'node:util'
import { lastValueFrom, VirtualTimeScheduler, type Observable } from 'rxjs'
import { getJob$ } from '../../src/api/getJob.js'
import { isPixiiError, Job } from '../../src/index.js'
import { JobAccepted, JobPage, ListingBuilderRequest, type FetchLike } from '../../src/advanced/index.js'
import { listJobPage$ } from '../../src/api/listJobPage.js'
import { request$ } from '../../src/http/request.js'
import { submit$ } from '../../src/api/submit.js'
import type { TransportConfig } from '../../src/http/TransportConfig.js'
import { utf8, validJob } from './arbitraries.js'

// Whatever a server (or anything between it and the client) answers, through the real transport:
// the only thing replaced is `fetch`, the option users pass, answering a real WHATWG Response.
const key = 'pk_live_MARKEDk3y0123456789abcdef'
const nullBodyStatuses: ReadonlySet<number> = new Set([204, 205, 304])

const status = fc.oneof(
  fc.constantFrom(200, 201, 202, 204, 301, 302, 400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504),
  fc.integer({ min: 200, max: 599 }),
)
const contentType = fc.option(
  fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/html', 'text/plain', 'application/problem+json', 'application/octet-stream', ''),
  { nil: undefined },
)
const jsonBytes = (value: unknown): Uint8Array => utf8(JSON.stringify(value))
const body = fc.oneof(
  fc.uint8Array({ maxLength: 512 }),
  fc.string({ unit: 'binary', maxLength: 256 }).map(utf8),
  fc.jsonValue({ maxDepth: 3 }).map(jsonBytes),
  validJob().map(jsonBytes),
  // A valid job cut short: truncated JSON.
  fc.tuple(validJob(), fc.nat()).map(([job, cut]) => jsonBytes(job).subarray(0, cut % 200)),
  // Error bodies and pages that echo the key, as a careless proxy or server might.
  fc
    .record({ code: fc.constantFrom('UNAUTHORIZED', 'VALIDATION_ERROR', 'INSUFFICIENT_CREDITS', 'NO_ACTIVE_BRAND', `X_${key}`), message: fc.constantFrom(`bad key ${key}`, `Bearer ${key}`, 'm') })
    .chain((error) => fc.option(fc.constantFrom(key, { [key]: 1 }, 3, 'items/0'), { nil: undefined }).map((detail) => ({ ...error, ...(detail === undefined ? {} : { detail }) })))
    .map(jsonBytes),
  fc.constantFrom(`<html><body>Invalid Authorization: Bearer ${key}</body></html>`, '{"id":', '\u0000', '\ufeff{}', 'null').map(utf8),
)
// A body split into chunks at arbitrary points, as it would come off a socket.
const chunked = fc.tuple(body, fc.array(fc.nat(), { maxLength: 4 })).map(([bytes, cuts]) => {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.byteLength + 1)))].sort((a, b) => a - b)
  return { bytes, chunks: [0, ...points, bytes.byteLength].slice(1).map((end, index, ends) => bytes.subarray(index === 0 ? 0 : (ends[index - 1] ?? 0), end)) }
})
const answer = fc.record({
  status,
  contentType,
  body: chunked,
  declaredLength: fc.boolean(),
  cap: fc.constantFrom(16, 100, 1_000, 1_000_000),
  call: fc.constantFrom('getJob$', 'listJobPage$', 'submit$', 'request$'),
})
type Answer = typeof answer extends fc.Arbitrary<infer A> ? A : never

function respond(a: Answer): FetchLike {
  return () => {
    const headers: Record<string, string> = {}
    if (a.contentType !== undefined) headers['content-type'] = a.contentType
    if (a.declaredLength) headers['content-length'] = String(a.body.bytes.byteLength)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of a.body.chunks) controller.enqueue(new Uint8Array(chunk))
        controller.close()
      },
    })
    return Promise.resolve(new Response(nullBodyStatuses.has(a.status) ? null : stream, { status: a.status, headers }))
  }
}

function call(a: Answer, config: TransportConfig): Observable<unknown> {
  switch (a.call) {
    case 'getJob$':
      return getJob$(config, 'job_1')
    case 'listJobPage$':
      return listJobPage$(config, { asin: 'B0CHX1W1XY' })
    case 'submit$':
      return submit$(config, '/v1/api/listing_builder', ListingBuilderRequest, { asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' })
    case 'request$':
      return request$(config, { method: 'GET', path: '/v1/api/jobs/job_1', jobId: 'job_1' })
  }
}

describe('property: any answer to any call is a value or a typed PixiiError, never a throw', () => {
  it('for any status, content type, bytes (chunked anyhow) and body cap', async () => {
    await fc.assert(
      fc.asyncProperty(answer, async (a) => {
        // The request timeout sits on a virtual clock that never runs: only the answer decides.
        const config: TransportConfig = { baseUrl: 'https://api.pixii.ai', apiKey: key, fetch: respond(a), scheduler: new VirtualTimeScheduler(), requestTimeoutMs: 30_000, maxBodyBytes: a.cap }
        const outcome = await lastValueFrom(call(a, config)).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        )
        const within = a.body.bytes.byteLength <= a.cap || nullBodyStatuses.has(a.status)
        const redirect = a.status >= 300 && a.status <= 399
        if (outcome.ok) {
          expect(a.status).to.be.within(200, 299)
          if (a.call === 'getJob$') expect(Job.is(outcome.value)).to.equal(true)
          if (a.call === 'listJobPage$') expect(JobPage.is(outcome.value)).to.equal(true)
          if (a.call === 'submit$') expect(JobAccepted.is((outcome.value as { accepted: unknown }).accepted)).to.equal(true)
          return
        }
        const { error } = outcome
        if (!isPixiiError(error)) throw new Error(`an untyped error: ${inspect(error)}`)
        for (const text of [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) {
          expect(text, `${error._tag} shows the key`).not.to.contain(key)
        }
        if (redirect) expect(error._tag).to.equal('Server')
        else if (!within) expect(error).to.include({ _tag: 'Network', failure: 'body-too-large' })
        else if (a.status === 401 || a.status === 403) expect(error._tag).to.equal('Unauthorized')
        else if (a.status === 429) expect(error._tag).to.equal('RateLimited')
        // A documented code in the body wins over a 5xx status (errorFromResponse maps codes first).
        else if (a.status >= 500) expect(error._tag).to.be.oneOf(['Server', 'InsufficientCredits', 'NoActiveBrand'])
      }),
      { numRuns: 300 },
    )
  })
})
