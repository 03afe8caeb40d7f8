import type { CompletedJob, FailedJob, Job } from '../../src/index.js'

/** A completed job with one succeeded and one failed ad, as the server sends it. */
export const completedJob: CompletedJob = {
  id: 'job_0001',
  job_type: 'Listing Builder',
  status: 'completed',
  created_at: '2026-01-01T00:00:00.000Z',
  started_at: '2026-01-01T00:00:05.000Z',
  completed_at: '2026-01-01T00:02:05.000Z',
  credit_cost: 20,
  credits_refunded: 10,
  output: {
    ads: [
      { preview_url: 'https://img.pixii.test/a.png?expires=1&signature=abc', error: null },
      { preview_url: null, error: { code: 'CONTENT_POLICY', message: 'Refused by policy' } },
    ],
  },
  error_code: null,
}

/** A job still queued. */
export const pendingJob: Job = {
  ...completedJob,
  status: 'pending',
  started_at: null,
  completed_at: null,
  credits_refunded: 0,
  output: null,
}

/** A failed job. */
export const failedJob: FailedJob = {
  ...completedJob,
  status: 'failed',
  output: null,
  credits_refunded: 20,
  error_code: 'GENERATION_FAILED',
}
