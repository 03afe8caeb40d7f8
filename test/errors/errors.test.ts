import { expect } from 'chai'
import { inspect } from 'node:util'
import { AbortedError, BufferOverflowError, DecodeError, describePixiiError, FileSystemError, ImageExpiredError, InsufficientCreditsError, isPixiiError, JobFailedError, JobNotFoundError, NetworkError, NoActiveBrandError, RateLimitedError, RetriesExhaustedError, ServerError, SubmissionOutcomeUnknownError, TimeoutError, UnauthorizedError, ValidationError, type PixiiError } from '../../src/index.js'
import { failedJob } from '../support/samples.js'

const every: PixiiError[] = [
  new UnauthorizedError({ message: 'refused' }),
  new JobNotFoundError({ message: 'gone', jobId: 'job_1' }),
  new ValidationError({ message: 'bad', source: 'server', issues: [{ path: 'asin', message: 'too short' }] }),
  new InsufficientCreditsError({ message: 'poor' }),
  new NoActiveBrandError({ message: 'no brand' }),
  new RateLimitedError({ message: 'slow down', retryAfterMs: 1000, window: 'minute' }),
  new ServerError({ message: 'down', context: { status: 503 } }),
  new NetworkError({ message: 'reset', failure: 'reset' }),
  new DecodeError({ message: 'odd', issues: [] }),
  new TimeoutError({ message: 'late', deadline: 'request', ms: 10 }),
  new JobFailedError({ message: 'failed', job: failedJob }),
  new AbortedError({ message: 'cancelled' }),
  new RetriesExhaustedError({ message: 'gave up', attempts: 9, lastError: new NetworkError({ message: 'refused', failure: 'connection' }) }),
  new ImageExpiredError({ message: 'expired', reason: 'gone', jobId: 'job_1', adIndex: 0 }),
  new BufferOverflowError({ message: 'too far behind', maxBuffered: 10 }),
  new FileSystemError({ message: 'disk full', code: 'ENOSPC', file: '/tmp/x' }),
  new SubmissionOutcomeUnknownError({
    message: 'unknown', lastError: new NetworkError({ message: 'reset', failure: 'reset' }), asin: 'B0CHX1W1XY', jobType: 'Scale',
    sentAt: '2026-01-01T00:00:00.000Z', searchedUntil: '2026-01-01T00:01:00.000Z', candidates: [],
  }),
]

describe('PixiiError', () => {
  it('has one variant per tag, each an Error with a literal name', () => {
    expect(every.map((error) => error._tag)).to.deep.equal([
      'Unauthorized', 'JobNotFound', 'Validation', 'InsufficientCredits', 'NoActiveBrand', 'RateLimited',
      'Server', 'Network', 'Decode', 'Timeout', 'JobFailed', 'Aborted', 'RetriesExhausted',
      'ImageExpired', 'BufferOverflow', 'FileSystem', 'SubmissionOutcomeUnknown',
    ])
    for (const error of every) {
      expect(error).to.be.instanceOf(Error)
      expect(error.name).to.match(/Error$/)
      expect(isPixiiError(error)).to.equal(true)
      expect(isPixiiError(error, error._tag)).to.equal(true)
    }
  })

  it('says which variants are retryable', () => {
    const retryable = every.filter((error) => error.retryable).map((error) => error._tag)
    expect(retryable).to.deep.equal(['RateLimited', 'Server', 'Network', 'Timeout'])
    expect(new ServerError({ message: 'x', context: { status: 501 } }).retryable).to.equal(false)
    expect(new NetworkError({ message: 'x', failure: 'body-too-large' }).retryable).to.equal(false)
    expect(new TimeoutError({ message: 'x', deadline: 'total', ms: 1 }).retryable).to.equal(false)
  })

  it('is recognised by tag, not by class, so it works across bundles', () => {
    const foreign = Object.assign(new Error('from another copy'), { _tag: 'JobNotFound' })
    expect(isPixiiError(foreign, 'JobNotFound')).to.equal(true)
    expect(isPixiiError(new Error('plain'))).to.equal(false)
    expect(isPixiiError({ _tag: 'JobNotFound' })).to.equal(false)
    expect(isPixiiError(Object.assign(new Error('x'), { _tag: 'Mystery' }))).to.equal(false)
  })

  it('serialises its data, its context and its message', () => {
    const error = new RateLimitedError({ message: 'slow down', retryAfterMs: 1000, window: 'day', context: { method: 'POST', status: 429 } })
    expect(JSON.parse(JSON.stringify(error))).to.deep.equal({
      _tag: 'RateLimited', name: 'RateLimitedError', message: 'slow down', retryable: true, retryAfterMs: 1000, window: 'day',
      context: { method: 'POST', status: 429 },
    })
    expect(inspect(error)).to.contain('slow down')
  })

  it('is described on one line for logs', () => {
    const error = new JobNotFoundError({ message: 'gone', context: { method: 'GET', path: '/v1/api/jobs/job_1', status: 404 } })
    expect(describePixiiError(error)).to.equal('JobNotFoundError: gone (GET /v1/api/jobs/job_1 → 404, not retryable)')
  })

  it('carries the failed job and its code', () => {
    const error = new JobFailedError({ message: 'failed', job: failedJob })
    expect(error.errorCode).to.equal('GENERATION_FAILED')
    expect(error.context.jobId).to.equal(failedJob.id)
  })
})
