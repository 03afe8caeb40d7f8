import type { Job } from '../codecs/Job.js'
import type { RequestContext } from '../errors/RequestContext.js'
import { redactSecrets } from '../internal/redactSecrets.js'
import { answerError } from './answerError.js'

/**
 * The job an answer is about must be the job asked for. A server that answers `GET
 * /v1/api/jobs/job_MINE` with `job_SOMEONE_ELSE` is broken or hostile: its record must not be
 * emitted (nor become a folder name), and asking again would bring the same answer, so it is a
 * {@link DecodeError} (not retryable) with one issue at path `id`.
 */
export function checkJobId(job: Job, askedId: string, context: RequestContext, secrets: readonly string[] = []): Job {
  if (job.id === askedId) return job
  const issues = [{ path: 'id', expected: JSON.stringify(askedId), actual: redactSecrets(job.id, secrets) }]
  throw answerError(context, 'answered about another job', issues, '; its record was not used')
}
