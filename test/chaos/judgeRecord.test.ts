import { expect } from 'chai'
import { judgeRecord, watchEnding, type JobTruth } from '../../chaos/judgeRecord.js'
import { watchRecord, type WatchRecord } from '../../chaos/WatchRecord.js'
import { DecodeError, JobFailedError, TimeoutError, type CompletedJob, type FailedJob, type Job } from '../../src/index.js'
import type { ProcessingJob } from '../../src/advanced/index.js'

const base = {
  id: 'job_1', job_type: 'Scale', created_at: '2026-01-01T00:00:00.000Z', started_at: '2026-01-01T00:00:00.100Z',
  credit_cost: 10, credits_refunded: 0, error_code: null,
} as const
const processing: ProcessingJob = { ...base, status: 'processing', completed_at: null, output: null }
const completed: CompletedJob = { ...base, status: 'completed', completed_at: '2026-01-01T00:00:00.500Z', output: { ads: [] } }
const failed: FailedJob = { ...base, status: 'failed', completed_at: '2026-01-01T00:00:00.500Z', output: null, credits_refunded: 10, error_code: 'GENERATION_FAILED' }

const truth = (job: Job, misdirected = 0): JobTruth => ({
  statuses: job.status === 'processing' ? ['pending', 'processing'] : ['pending', 'processing', job.status],
  job,
  misdirected,
})
const recorded = (jobs: readonly Job[], end: WatchRecord['end'], error?: unknown): WatchRecord => {
  const record = watchRecord('job_1')
  for (const job of jobs) {
    record.statuses.push(job.status)
    record.ids.push(job.id)
    record.last = job
  }
  return Object.assign(record, { end }, error === undefined ? {} : { error })
}
const clean = { lost: 0, duplicated: 0, backwards: 0, phantom: 0, wrongFinal: 0, retriesExhausted: 0, foreign: 0, wrongDeadline: 0 }
// What the client's getJob$ ends with when asked for job_1 and answered about job_2.
const aboutAnother = new DecodeError({ message: 'GET /v1/api/jobs/job_1 answered about another job', issues: [{ path: 'id', expected: '"job_1"', actual: 'job_2' }] })
const deadline = (job: Job | undefined): TimeoutError => new TimeoutError({ message: 'Job job_1 not finished within 60 s', deadline: 'total', ms: 60_000, job })

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

  it('counts every emission about another job as foreign, whatever else the watch did', () => {
    const elsewhere = { ...processing, id: 'job_2' }
    expect(judgeRecord(recorded([elsewhere, completed], 'complete'), truth(completed, 1))).to.deep.equal({ ...clean, foreign: 1 })
    expect(judgeRecord(recorded([{ ...completed, id: 'job_2' }], 'complete'), truth(completed, 1))).to.include({ foreign: 1, wrongFinal: 1 })
    expect(judgeRecord(recorded([elsewhere], 'error', aboutAnother), truth(completed, 1))).to.include({ foreign: 1, lost: 0 })
  })

  it('excuses a watch that refused an answer about another job, only when the simulator sent one', () => {
    const refused = recorded([processing], 'error', aboutAnother)
    expect(watchEnding(refused, truth(completed, 1))).to.equal('refused')
    expect(judgeRecord(refused, truth(completed, 1))).to.deep.equal(clean)
    // No misdirected answer in the log: the same ending is a lost job.
    expect(watchEnding(refused, truth(completed))).to.equal('other')
    expect(judgeRecord(refused, truth(completed))).to.include({ lost: 1 })
    // The refusal must name the job watched, at path id.
    const otherIssue = new DecodeError({ message: 'bad', issues: [{ path: 'status', expected: '"pending"', actual: 'done' }] })
    expect(judgeRecord(recorded([processing], 'error', otherIssue), truth(completed, 1))).to.include({ lost: 1 })
    const otherJob = new DecodeError({ message: 'bad', issues: [{ path: 'id', expected: '"job_9"', actual: 'job_2' }] })
    expect(judgeRecord(recorded([processing], 'error', otherJob), truth(completed, 1))).to.include({ lost: 1 })
    // A misdirected answer does not excuse a watch that neither refused it nor finished.
    expect(judgeRecord(recorded([processing], 'complete'), truth(completed, 1))).to.include({ lost: 1 })
    // One that finished before it (or got past it) is judged on its final state.
    expect(watchEnding(recorded([processing, completed], 'complete'), truth(completed, 1))).to.equal('other')
    expect(judgeRecord(recorded([processing, completed], 'complete'), truth(completed, 1))).to.deep.equal(clean)
  })

  it('asks the watch of a job that never finished to end by its deadline, with the last job seen', () => {
    const timedOut = recorded([processing], 'error', deadline(processing))
    expect(watchEnding(timedOut, truth(processing))).to.equal('timed-out')
    expect(judgeRecord(timedOut, truth(processing))).to.deep.equal(clean)
    expect(judgeRecord(recorded([processing], 'complete'), truth(processing))).to.deep.equal({ ...clean, wrongDeadline: 1 })
    expect(judgeRecord(recorded([], 'error', deadline(undefined)), truth(processing))).to.include({ wrongDeadline: 1 })
    expect(judgeRecord(recorded([processing], 'error', deadline({ ...processing, id: 'job_2' })), truth(processing))).to.include({ wrongDeadline: 1 })
    expect(judgeRecord(recorded([processing], 'error', deadline({ ...processing, started_at: null })), truth(processing))).to.include({ wrongDeadline: 1 })
    const otherDeadline = new TimeoutError({ message: 'late', deadline: 'each', ms: 1_000, job: processing })
    expect(judgeRecord(recorded([processing], 'error', otherDeadline), truth(processing))).to.include({ wrongDeadline: 1 })
    // A deadline is no excuse for a job that did finish.
    expect(watchEnding(timedOut, truth(completed))).to.equal('other')
    expect(judgeRecord(timedOut, truth(completed))).to.include({ lost: 1 })
  })
})
