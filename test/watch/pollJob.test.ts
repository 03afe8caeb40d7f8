import { expect } from 'chai'
import type { Observable } from 'rxjs'
import { fixedSchedule, JobFailedError, JobNotFoundError, NetworkError, RateLimitedError, RetriesExhaustedError, ServerError, type Job, type PollEvent } from '../../src/index.js'
import { pollJob$, type PollJobConfig } from '../../src/watch/pollJob.js'
import { defaultRetryPolicy } from '../../src/schedules/RetryPolicy.js'
import { testScheduler } from '../support/marbles.js'
import { completedJob, failedJob, pendingJob } from '../support/samples.js'

const processingJob: Job = { ...pendingJob, status: 'processing', started_at: '2026-01-01T00:00:05.000Z' }
const jobs = { p: pendingJob, r: processingJob, c: completedJob, f: failedJob }
const refused = new NetworkError({ message: 'connection refused', failure: 'connection' })
const unavailable = new ServerError({ message: 'unavailable', context: { status: 503 } })
const limited = new RateLimitedError({ message: 'slow down', retryAfterMs: 1234 })
const gone = new JobNotFoundError({ message: 'gone', jobId: 'job_0001' })

/** A loop whose n-th poll is the n-th cold observable; polls past the list fail the test. */
function loopOver(polls: Observable<unknown>[], overrides: Partial<PollJobConfig> = {}, scheduler = testScheduler()) {
  let next = 0
  const config: PollJobConfig = {
    jobId: 'job_0001',
    poll: () => {
      const poll = polls[next++]
      if (poll === undefined) throw new Error(`unexpected poll #${next}`)
      return poll as Observable<Job>
    },
    schedule: fixedSchedule(10),
    retry: defaultRetryPolicy,
    scheduler,
    random: () => 0,
    keyKind: 'live',
    ...overrides,
  }
  return pollJob$(config)
}

describe('pollJob$ (the loop behind watchJob$)', () => {
  it('emits the first answer, then only status changes, and completes after completed', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const polls = ['-(p|)', '-(p|)', '-(r|)', '-(c|)'].map((marble) => cold(marble, jobs))
      expectObservable(loopOver(polls, {}, scheduler)).toBe('-p 21ms r 10ms (c|)', jobs)
      const expected = ['^!', '11ms ^!', '22ms ^!', '33ms ^!']
      polls.forEach((poll, index) => expectSubscriptions(poll.subscriptions).toBe(expected[index]!))
    })
  })

  it('never emits a status that goes backwards when the server briefly answers an older one', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable }) => {
      const polls = ['-(r|)', '-(p|)', '-(r|)', '-(c|)'].map((marble) => cold(marble, jobs))
      expectObservable(loopOver(polls, {}, scheduler)).toBe('-r 32ms (c|)', jobs)
    })
  })

  it('emits a failed job, then errors with JobFailed carrying it', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable }) => {
      const polls = ['-(p|)', '-(f|)'].map((marble) => cold(marble, jobs))
      const error = new JobFailedError({ message: 'Job job_0001 failed: GENERATION_FAILED', job: failedJob })
      expectObservable(loopOver(polls, {}, scheduler)).toBe('-p 10ms (f#)', jobs, error)
    })
  })

  it('backs off from the schedule after a transient failure, then resets after an answer', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      // random() = 0 keeps the whole backoff: max(10, 100) × 2^failures, so 200 then 400 ms.
      const polls = ['-#', '-#', '-(p|)', '-(c|)'].map((marble) => cold(marble, jobs, refused))
      expectObservable(loopOver(polls, {}, scheduler)).toBe('603ms p 10ms (c|)', jobs)
      const expected = ['^!', '201ms ^!', '602ms ^!', '613ms ^!']
      polls.forEach((poll, index) => expectSubscriptions(poll.subscriptions).toBe(expected[index]!))
    })
  })

  it('waits exactly as long as Retry-After says', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const polls = [cold('-#', {}, limited), cold('-(c|)', jobs)]
      expectObservable(loopOver(polls, {}, scheduler)).toBe('1236ms (c|)', jobs)
      expectSubscriptions(polls[1]!.subscriptions).toBe('1235ms ^!')
    })
  })

  it('gives up after the retry budget with RetriesExhausted, the last error as cause', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable }) => {
      const polls = [cold('-#', {}, refused), cold('-#', {}, refused), cold('-#', {}, unavailable)]
      const retry = { ...defaultRetryPolicy, maxConsecutiveFailures: 2 }
      const exhausted = new RetriesExhaustedError({
        message: 'Gave up watching job job_0001 after 3 transient failures in a row; the last: unavailable',
        lastError: unavailable,
        attempts: 3,
      })
      expectObservable(loopOver(polls, { retry }, scheduler)).toBe('603ms #', undefined, exhausted)
    })
  })

  it('rides out six transient failures in a row with the default budget', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable }) => {
      const failing = Array.from({ length: 6 }, () => cold('-#', {}, unavailable))
      const polls = [...failing, cold('-(c|)', jobs)]
      // Waits: 200, 400, 800, 1600, 3200, 6400 ms after each failure.
      expectObservable(loopOver(polls, {}, scheduler)).toBe('12607ms (c|)', jobs)
    })
  })

  it('ends at once, without retrying, on an error that is not transient', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable }) => {
      const polls = [cold('-(p|)', jobs), cold('-#', {}, gone)]
      expectObservable(loopOver(polls, {}, scheduler)).toBe('-p 10ms #', jobs, gone)
    })
  })

  it('aborts the request in flight and schedules nothing more when unsubscribed', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const polls = [cold('-(p|)', jobs), cold('----(r|)', jobs)]
      expectObservable(loopOver(polls, {}, scheduler), '^------------!').toBe('-p', jobs)
      expectSubscriptions(polls[1]!.subscriptions).toBe('11ms ^-!')
    })
  })

  it('reports every poll with what came back and why it waits', () => {
    const scheduler = testScheduler()
    const events: PollEvent[] = []
    scheduler.run(({ cold, flush }) => {
      const polls = [cold('-(p|)', jobs), cold('-#', {}, limited), cold('-(c|)', jobs)]
      loopOver(polls, { onPoll: (event) => events.push(event) }, scheduler).subscribe({ error: () => undefined })
      flush()
    })
    expect(events.map(({ attempt, requestedAt, answeredAt, outcome, decision }) => ({
      attempt, requestedAt, answeredAt, outcome: outcome.kind === 'job' ? outcome.status : outcome.kind === 'error' ? outcome.error._tag : 'list', decision,
    }))).to.deep.equal([
      { attempt: 1, requestedAt: 0, answeredAt: 1, outcome: 'pending', decision: { kind: 'wait', delayMs: 10, reason: 'schedule' } },
      { attempt: 2, requestedAt: 11, answeredAt: 12, outcome: 'RateLimited', decision: { kind: 'wait', delayMs: 1234, reason: 'retry-after' } },
      { attempt: 3, requestedAt: 1246, answeredAt: 1247, outcome: 'completed', decision: { kind: 'stop', reason: 'completed' } },
    ])
  })
})
