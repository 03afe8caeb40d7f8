import type { Observable } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import { JobFailedError } from '../errors/JobFailedError.js'
import { Dated } from '../http/Dated.js'
import { pollLoop$ } from './pollLoop.js'
import type { LoopBody, LoopStep, LoopTiming } from './LoopBody.js'
import { statusRank } from './statusRank.js'

/** Everything one job's polling loop needs; the client fills it from its settings and the watch options. */
export interface PollJobConfig extends LoopTiming {
  readonly jobId: string
  /** One poll: a cold Observable of one job (the client's `getJob$`), with its `Date` header where known. */
  readonly poll: () => Observable<Job | Dated<Job>>
}

/** What one answer about a job means, given the job emitted last. */
export function jobStep(job: Job, shown: Job | undefined): LoopStep<Job> & { readonly shown: Job | undefined } {
  const emitted = shown === undefined || statusRank(job.status) > statusRank(shown.status)
  const outcome = { kind: 'job', status: job.status, emitted } as const
  if (!emitted) return { emit: [], outcome, shown, seen: job }
  if (job.status === 'completed') return { emit: [job], outcome, job, seen: job, shown: job, stop: { reason: 'completed' } }
  if (job.status === 'failed') {
    const message = `Job ${job.id} failed${job.error_code === null ? '' : `: ${job.error_code}`}`
    return { emit: [job], outcome, job, seen: job, shown: job, stop: { reason: 'failed', error: new JobFailedError({ message, job }) } }
  }
  return { emit: [job], outcome, job, seen: job, shown: job }
}

/** One run's reading of a job's answers: it remembers the job emitted last. */
class JobBody implements LoopBody<Job | Dated<Job>, Job> {
  private shown: Job | undefined = undefined

  constructor(readonly poll: () => Observable<Job | Dated<Job>>) {}

  onAnswer(answer: Job | Dated<Job>): LoopStep<Job> {
    const dated = answer instanceof Dated
    const step = jobStep(dated ? answer.value : answer, this.shown)
    this.shown = step.shown
    return dated && answer.serverDate !== undefined ? { ...step, serverDate: answer.serverDate } : step
  }
}

/**
 * The polling loop behind `watchJob$`: polls at once, then as the schedule says; emits the first
 * job and then only status changes (never a status that goes back); completes after `completed`;
 * after `failed` emits it and errors with `JobFailed`. Transient failures are retried with backoff
 * from the schedule's interval, `Retry-After` exactly, up to the retry budget; any other error
 * ends the loop at once. Unsubscribing aborts the request in flight and clears the timer.
 */
export function pollJob$(config: PollJobConfig): Observable<Job> {
  const { jobId, poll, ...loop } = config
  return pollLoop$<Job | Dated<Job>, Job>({
    ...loop,
    subject: jobId,
    label: `job ${jobId}`,
    body: () => new JobBody(poll),
  })
}
