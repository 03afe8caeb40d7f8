import { expect } from 'chai'
import { Job } from '../../src/index.js'
import { decodeMessage } from '../support/decodeMessage.js'
import { completedJob, failedJob, pendingJob } from '../support/samples.js'

describe('Job codec', () => {
  it('decodes every status, keeping the value as sent', () => {
    for (const job of [pendingJob, completedJob, failedJob]) {
      const decoded = Job.decode(job)
      expect(decoded).to.deep.equal({ _tag: 'Right', right: job })
    }
  })

  it('keeps unknown fields of the job and of its ads (A+ ads carry undocumented ones)', () => {
    const ad = { preview_url: 'https://img/x.png', error: null, type: 'A+ Premium', modules: [{ image_url: 'https://img/m.png' }] }
    const job = { ...completedJob, region: 'eu', output: { ads: [ad], extra: true } }
    const decoded = Job.decode(job)
    if (decoded._tag === 'Left') throw new Error('expected a decoded job')
    expect(decoded.right).to.deep.equal(job)
  })

  it('refuses an unknown status, naming the accepted ones', () => {
    expect(decodeMessage(Job, { ...pendingJob, status: 'done' })).to.equal(
      'status: expected "pending" | "processing" | "completed" | "failed", got "done"',
    )
  })

  it('refuses a completed job without output', () => {
    expect(decodeMessage(Job, { ...completedJob, output: null })).to.equal('output: expected JobOutput, got null')
  })

  it('checks timestamps as ISO 8601 with a time zone', () => {
    expect(decodeMessage(Job, { ...pendingJob, created_at: '2026-01-01 00:00' })).to.equal(
      'created_at: expected ISO 8601 date-time, got "2026-01-01 00:00"',
    )
    expect(decodeMessage(Job, { ...pendingJob, created_at: '2026-13-45T00:00:00Z' })).to.equal(
      'created_at: expected ISO 8601 date-time, got "2026-13-45T00:00:00Z"',
    )
    expect(decodeMessage(Job, { ...pendingJob, created_at: '2026-01-01T10:00:00+02:00' })).to.equal('ok')
  })

  it('names the missing field', () => {
    const { id: _id, ...withoutId } = pendingJob
    expect(decodeMessage(Job, withoutId)).to.equal('id: expected string, got undefined')
  })

  it('names the field of a bad ad by its path, one branch only', () => {
    const ads = [{ preview_url: 42, error: null }, { preview_url: null, error: null }]
    expect(decodeMessage(Job, { ...completedJob, output: { ads } })).to.equal(
      'output/ads/0/preview_url: expected string, got 42; output/ads/1/error: expected AdError, got null',
    )
  })

  it('reports a root that is not an object', () => {
    expect(decodeMessage(Job, [])).to.equal('expected Job, got []')
    expect(decodeMessage(Job, null)).to.equal('expected Job, got null')
  })

  it('never shows a URL signature or a key in a message', () => {
    const message = decodeMessage(Job, { ...pendingJob, started_at: 'https://img/a.png?expires=9&signature=SECRETSIG', id: 7, job_type: 'pk_live_SECRETKEY' })
    expect(message).to.equal(
      'id: expected string, got 7; started_at: expected ISO 8601 date-time | null, got "https://img/a.png?expires=[redacted]&signature=[redacted]"',
    )
    expect(decodeMessage(Job, { ...pendingJob, status: 'pk_live_SECRETKEY' })).to.equal(
      'status: expected "pending" | "processing" | "completed" | "failed", got "pk_[redacted]"',
    )
  })
})
