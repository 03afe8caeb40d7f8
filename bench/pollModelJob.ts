import { defer, of, VirtualAction, VirtualTimeScheduler } from 'rxjs'
import type { Job, PollSchedule } from '../src/index.js'
import { defaultRetryPolicy } from '../src/schedules/RetryPolicy.js'
import { pollJob$ } from '../src/watch/pollJob.js'
import type { ModelJob } from './jobModel.js'

/** The job as `GET /v1/api/jobs/{id}` would answer it at `now`. */
export function snapshotAt(model: ModelJob, now: number): Job {
  const iso = (ms: number): string => new Date(ms).toISOString()
  const base = {
    id: model.id, job_type: model.jobType, created_at: iso(model.createdAt), credit_cost: 10, credits_refunded: 0, error_code: null,
  }
  if (now < model.startedAt) return { ...base, status: 'pending', started_at: null, completed_at: null, output: null }
  if (now < model.finishedAt) return { ...base, status: 'processing', started_at: iso(model.startedAt), completed_at: null, output: null }
  const finished = { ...base, started_at: iso(model.startedAt), completed_at: iso(model.finishedAt) }
  return model.outcome === 'completed'
    ? { ...finished, status: 'completed', output: { ads: [] } }
    : { ...finished, status: 'failed', output: null, credits_refunded: 10, error_code: 'GENERATION_FAILED' }
}

/** What polling one job cost and how late its end was seen. */
export interface PollResult {
  readonly requests: number
  readonly latencyMs: number
}

/**
 * Watches one modelled job with the library's own polling loop (`pollJob$`) and `schedule`, in
 * virtual time: every poll is answered at once with the job as it is at that instant.
 */
export function pollModelJob(model: ModelJob, schedule: PollSchedule, random: () => number): PollResult {
  const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY)
  scheduler.frame = model.createdAt
  let requests = 0
  let detectedAt = Number.NaN
  const poll = () =>
    defer(() => {
      requests += 1
      return of(snapshotAt(model, scheduler.now()))
    })
  const see = (): void => {
    detectedAt = scheduler.now()
  }
  pollJob$({ jobId: model.id, poll, schedule, retry: defaultRetryPolicy, scheduler, random, keyKind: model.key }).subscribe({
    complete: see,
    error: see,
  })
  scheduler.flush()
  return { requests, latencyMs: detectedAt - model.finishedAt }
}
