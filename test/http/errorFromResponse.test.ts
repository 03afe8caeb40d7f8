import { expect } from 'chai'
import { errorFromResponse, type FailedAnswer } from '../../src/http/errorFromResponse.js'

function answer(status: number, body: unknown, headers: Record<string, string> = {}): FailedAnswer {
  return {
    status,
    body,
    headers: new Headers(headers),
    context: { method: 'GET', path: '/v1/api/jobs/job_1', jobId: 'job_1' },
    nowMs: Date.parse('2026-03-01T12:00:00Z'),
    secrets: ['pk_test_SECRET'],
  }
}

describe('errorFromResponse', () => {
  it('maps each documented code', () => {
    const cases: Array<[number, string, string]> = [
      [401, 'UNAUTHORIZED', 'Unauthorized'],
      [400, 'VALIDATION_ERROR', 'Validation'],
      [400, 'INSUFFICIENT_CREDITS', 'InsufficientCredits'],
      [422, 'NO_ACTIVE_BRAND', 'NoActiveBrand'],
      [404, 'JOB_NOT_FOUND', 'JobNotFound'],
      [429, 'RATE_LIMIT_MINUTE_EXCEEDED', 'RateLimited'],
      [429, 'RATE_LIMIT_DAY_EXCEEDED', 'RateLimited'],
      [500, 'INTERNAL_ERROR', 'Server'],
      [503, 'SERVICE_UNAVAILABLE', 'Server'],
    ]
    for (const [status, code, tag] of cases) {
      const error = errorFromResponse(answer(status, { code, message: 'm' }))
      expect(error._tag, code).to.equal(tag)
      expect(error.context).to.include({ status, serverCode: code, jobId: 'job_1' })
    }
  })

  it('maps statuses when the body is not the documented JSON', () => {
    expect(errorFromResponse(answer(401, undefined))._tag).to.equal('Unauthorized')
    expect(errorFromResponse(answer(404, undefined))._tag).to.equal('JobNotFound')
    const html = errorFromResponse(answer(502, undefined))
    expect(html._tag).to.equal('Server')
    expect(html.retryable).to.equal(true)
    expect(html.message).to.equal('GET /v1/api/jobs/job_1 answered 502: no error body')
  })

  it('reads Retry-After from the header in both forms, else from the body', () => {
    const seconds = errorFromResponse(answer(429, { code: 'RATE_LIMIT_MINUTE_EXCEEDED', message: 'm' }, { 'retry-after': '12' }))
    expect(seconds).to.include({ retryAfterMs: 12_000, window: 'minute' })
    const date = errorFromResponse(answer(503, { code: 'X', message: 'm' }, { 'retry-after': 'Sun, 01 Mar 2026 12:00:30 GMT' }))
    expect(date).to.include({ retryAfterMs: 30_000 })
    const body = errorFromResponse(answer(429, { code: 'RATE_LIMIT_DAY_EXCEEDED', message: 'm', retry_after: 60 }))
    expect(body).to.include({ retryAfterMs: 60_000, window: 'day' })
  })

  it('reads the fields named by a validation detail, in the shapes servers use', () => {
    const one = errorFromResponse(answer(400, { code: 'VALIDATION_ERROR', message: 'bad', detail: { field: 'asin', message: 'short' } }))
    expect(one).to.include({ field: 'asin', source: 'server' })
    const fastApi = errorFromResponse(answer(422, { code: 'VALIDATION_ERROR', message: 'bad', detail: [{ loc: ['body', 'items', 0], msg: 'empty' }] }))
    expect(fastApi).to.deep.include({ issues: [{ path: 'items/0', message: 'empty' }] })
    const text = errorFromResponse(answer(400, { code: 'VALIDATION_ERROR', message: 'bad', detail: 'asin is required' }))
    expect(text).to.deep.include({ issues: [{ path: '', message: 'asin is required' }], field: undefined })
    const name = errorFromResponse(answer(400, { code: 'VALIDATION_ERROR', message: 'country_code is not supported', detail: 'country_code' }))
    expect(name).to.deep.include({ issues: [{ path: 'country_code', message: 'country_code is not supported' }], field: 'country_code' })
    const noReason = errorFromResponse(answer(400, { code: 'VALIDATION_ERROR', message: 'bad', detail: { field: 'asin' } }))
    expect(noReason).to.deep.include({ issues: [{ path: 'asin', message: 'bad' }] })
  })

  it('scrubs the key from what the server says', () => {
    const error = errorFromResponse(answer(401, { code: 'UNAUTHORIZED', message: 'key pk_test_SECRET is revoked' }))
    expect(error.message).to.equal('GET /v1/api/jobs/job_1 answered 401 UNAUTHORIZED: key [redacted] is revoked')
  })
})
