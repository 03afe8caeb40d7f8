import type { JobLogLine } from '../../node/JobLogLine.js'
import type { Display } from '../display/Display.js'
import { adTally } from '../display/JobLine.js'

/**
 * Shows one job event: an NDJSON line, and the job's line on a terminal: ✔ when completed, ! when
 * it completed with ads Pixii could not make (how many, and their codes), ✖ with the error code or
 * the error's tag when it failed or could not be watched. With `completedMeansRunning`, a
 * completed job stays busy (it is about to be downloaded).
 *
 * @example
 * ```ts
 * import { ndjsonDisplay } from '../display/ndjsonDisplay.js'
 * import { showJobEvent } from './showJobEvent.js'
 * import { JobNotFoundError } from 'pixii-rx'
 * const display = ndjsonDisplay({ write: (text) => (console.log(text.trimEnd()), true) })
 * showJobEvent(display, { kind: 'error', at: '2026-01-01T00:00:00.000Z', jobId: 'job_1', elapsedMs: 5, error: new JobNotFoundError({ message: 'gone' }) })
 * // Output: {"kind":"error","at":"2026-01-01T00:00:00.000Z","jobId":"job_1","elapsedMs":5,"error":{"context":{},"_tag":"JobNotFound","name":"JobNotFoundError","retryable":false,"message":"gone"}}
 * ```
 */
export function showJobEvent(display: Display, event: JobLogLine, completedMeansRunning = false): void {
  display.event(event)
  if (event.kind === 'error') {
    const note = event.error._tag === 'JobFailed' ? undefined : `${event.error._tag}: ${event.error.message}`
    display.job(event.jobId, { state: 'failed', ...(note === undefined ? {} : { status: 'error', note }) })
    return
  }
  const { status, job } = event
  if (status === 'completed') {
    const ads = adTally(job)
    const state = completedMeansRunning ? 'running' : ads.failed > 0 ? 'partial' : 'ok'
    display.job(event.jobId, { label: job.job_type, status, state, ads })
    return
  }
  const state = status === 'failed' ? 'failed' : 'running'
  display.job(event.jobId, { label: job.job_type, status, state, ...(status === 'failed' && job.error_code !== null ? { note: job.error_code } : {}) })
}
