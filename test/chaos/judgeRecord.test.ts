import { expect } from 'chai'
import { judgeRecord, type JobTruth } from '../../chaos/judgeRecord.js'
import { watchRecord, type WatchRecord } from '../../chaos/WatchRecord.js'
import { JobFailedError, type CompletedJob, type FailedJob, type Job, type ProcessingJob } from '../../src/index.js'

const base = {
  id: 'job_1', job_type: 'Scale', created_at: '2026-01-01T00:00:00.000Z', started_at: '2026-01-01T00:00:00.100Z',
  credit_cost: 10, credits_refunded: 0, error_code: null,
} as const
const processing: ProcessingJob = { ...base, status: 'processing', completed_at: null, output: null }
const completed: CompletedJob = { ...base, status: 'completed', completed_at: '2026-01-01T00:00:00.500Z', output: { ads: [] } }
const failed: FailedJob = { ...base, status: 'failed', completed_at: '2026-01-01T00:00:00.500Z', output: null, credits_refunded: 10, error_code: 'GENERATION_FAILED' }

const truth = (job: Job): JobTruth => ({ statuses: ['pending', 'processing', job.status], job })
const recorded = (jobs: readonly Job[], end: WatchRecord['end'], error?: unknown): WatchRecord => {
  const record = watchRecord('job_1')
  for (const job of jobs) {
    record.statuses.push(job.status)
    record.last = job
  }
  return Object.assign(record, { end }, error === undefined ? {} : { error })
}
const clean = { lost: 0, duplicated: 0, backwards: 0, phantom: 0, wrongFinal: 0, retriesExhausted: 0 }

describe('judgeRecord', () => {
  it('passes a watch that went forward and ended as the contract says', () => {
    expect(judgeRecord(recorded([processing, completed], 'complete'), truth(completed))).to.deep.equal(clean)
    const jobFailed = new JobFailedError({ message: 'failed', job: failed })
    expect(judgeRecord(recorded([processing, failed], 'error', jobFailed), truth(failed))).to.deep.equal(clean)
  })

  it('counts duplicates, backwards steps and phantom statuses', () => {
    expect(judgeRecord(recorded([processing, processing, completed], 'complete'), truth(completed))).to.include({ duplicated: 1 })
    expect(judgeRecord(recorded([processing, completed, processing, completed], 'complete'), truth(completed))).to.include({ backwards: 1 })
    expect(judgeRecord(recorded([processing, failed], 'complete'), truth(completed))).to.include({ phantom: 1, wrongFinal: 1 })
  })

  it('counts a watch without its final state as lost, unless the run cut it', () => {
    expect(judgeRecord(recorded([processing], 'complete'), truth(completed))).to.include({ lost: 1 })
    expect(judgeRecord(recorded([processing], undefined), truth(completed))).to.include({ lost: 1 })
    expect(judgeRecord(recorded([processing], 'cut'), truth(completed))).to.deep.equal(clean)
  })

  it('counts a final job that differs from the truth, or a failure without JobFailed, as wrong', () => {
    expect(judgeRecord(recorded([{ ...completed, credits_refunded: 1 }], 'complete'), truth(completed))).to.include({ wrongFinal: 1 })
    expect(judgeRecord(recorded([failed], 'complete'), truth(failed))).to.include({ wrongFinal: 1 })
  })
})
