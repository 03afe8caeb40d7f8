import { expect } from 'chai'
import { Ad, ApiErrorBody, JobAccepted, JobId, JobPage, isSucceededAd, isTerminalStatus } from '../../src/advanced/index.js'
import { JobStatus, JobSummary } from '../../src/index.js'
import { decodeMessage } from '../support/decodeMessage.js'

describe('small codecs', () => {
  it('JobStatus has exactly four states', () => {
    for (const status of ['pending', 'processing', 'completed', 'failed']) expect(JobStatus.is(status)).to.equal(true)
    expect(JobStatus.is('queued')).to.equal(false)
    expect(isTerminalStatus('completed') && isTerminalStatus('failed') && !isTerminalStatus('processing')).to.equal(true)
  })

  it('Ad tells a succeeded ad from a failed one', () => {
    const succeeded = { preview_url: 'https://img/a.png', error: null }
    const failed = { preview_url: null, error: { code: 'TIMEOUT', message: 'late' } }
    expect(Ad.is(succeeded) && Ad.is(failed)).to.equal(true)
    expect(isSucceededAd(succeeded)).to.equal(true)
    expect(isSucceededAd(failed)).to.equal(false)
    expect(decodeMessage(Ad, { preview_url: 'https://img/a.png', error: { code: 'X', message: 'y' } })).to.equal(
      'error: expected null, got {"code":"X","message":"y"}',
    )
    expect(decodeMessage(Ad, { preview_url: null, error: { code: 5 } })).to.equal(
      'error/code: expected string, got 5; error/message: expected string, got undefined',
    )
  })

  it('JobSummary, JobPage and JobAccepted follow the documented shapes', () => {
    const summary = { id: 'job_1', job_type: 'Scale', status: 'pending', created_at: '2026-01-01T00:00:00Z' }
    expect(decodeMessage(JobPage, { data: [summary], total: 1, page: 1, limit: 20 })).to.equal('ok')
    expect(decodeMessage(JobSummary, { ...summary, status: 'archived' })).to.equal(
      'status: expected "pending" | "processing" | "completed" | "failed", got "archived"',
    )
    expect(decodeMessage(JobPage, { data: [summary], total: '1', page: 1, limit: 20 })).to.equal('total: expected number, got "1"')
    expect(decodeMessage(JobAccepted, { job_id: 'job_1', job_type: 'Scale', status: 'pending', created_at: 'now' })).to.equal(
      'created_at: expected ISO 8601 date-time, got "now"',
    )
  })

  it('ApiErrorBody needs a code and a message, and keeps detail and retry_after', () => {
    expect(decodeMessage(ApiErrorBody, { code: 'VALIDATION_ERROR', message: 'bad', detail: { field: 'asin' } })).to.equal('ok')
    expect(decodeMessage(ApiErrorBody, { code: 'RATE_LIMIT_MINUTE_EXCEEDED', message: 'slow', retry_after: 12 })).to.equal('ok')
    expect(decodeMessage(ApiErrorBody, { message: 'no code' })).to.equal('code: expected string, got undefined')
  })

  it('JobId refuses what could not name a job in a URL path', () => {
    for (const bad of ['', 'a/b', 'a?b', 'a#b', 'a%2F', 'a b', 'a\u0000b', 'a\tb', 'x'.repeat(129)]) {
      expect(JobId.is(bad), JSON.stringify(bad)).to.equal(false)
    }
    expect(JobId.is('x'.repeat(128))).to.equal(true)
    expect(JobId.is('job_0123abcd-ef')).to.equal(true)
  })
})
