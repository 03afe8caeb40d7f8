import { expect } from 'chai'
import { lastValueFrom, of } from 'rxjs'
import { completedJob as completed, JobFailedError, type Job } from '../../src/index.js'
import { testScheduler } from '../support/marbles.js'
import { completedJob, failedJob, pendingJob } from '../support/samples.js'

const processingJob: Job = { ...pendingJob, status: 'processing', started_at: '2026-01-01T00:00:05.000Z' }
const jobs = { p: pendingJob, r: processingJob, c: completedJob, f: failedJob }

describe('completedJob', () => {
  it('emits only the completed job', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-p-r-(c|)', jobs)
      expectObservable(source.pipe(completed())).toBe('-----(c|)', jobs)
      expectSubscriptions(source.subscriptions).toBe('^----!')
    })
  })

  it('passes the error of a failed job through', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = new JobFailedError({ message: 'Job job_0001 failed: GENERATION_FAILED', job: failedJob })
      const source = cold('-p-(f#)', jobs, error)
      expectObservable(source.pipe(completed())).toBe('---#', undefined, error)
      expectSubscriptions(source.subscriptions).toBe('^--!')
    })
  })

  it('gives the finished job to lastValueFrom', async () => {
    const job = await lastValueFrom(of<Job[]>(pendingJob, processingJob, completedJob).pipe(completed()))
    expect(job).to.equal(completedJob)
    expect(job.output.ads).to.have.length(2)
  })
})
