import type { Job } from '../codecs/Job.js'
import type { JobSummary } from '../codecs/JobSummary.js'
import { TimeoutError } from '../errors/TimeoutError.js'

/** A deadline as a message writes it: `30 min`, `90 s`, `1500 ms`. */
export function describeMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`
  if (ms >= 1_000 && ms % 1_000 === 0) return `${ms / 1_000} s`
  return `${ms} ms`
}

/**
 * What a watch of `jobId` ends with when its overall deadline of `ms` passes: a `TimeoutError`
 * (deadline `total`, not retryable) with the last job seen in `job` (a listing's summary in
 * `lastValue` when no full job was read), saying that the job may still finish on Pixii and how to
 * look again.
 */
export function watchTimeoutError(jobId: string, ms: number, job: Job | undefined, summary?: JobSummary): TimeoutError {
  const status = job?.status ?? summary?.status
  const seen = status === undefined ? 'no answer yet' : `last seen ${status}`
  const message =
    `Job ${jobId} not finished within ${describeMs(ms)} (${seen}); it may still finish on Pixii: ` +
    `look again with getJob('${jobId}') or watchJob$('${jobId}')`
  return new TimeoutError({ message, deadline: 'total', ms, job, lastValue: job ?? summary, context: { jobId } })
}
