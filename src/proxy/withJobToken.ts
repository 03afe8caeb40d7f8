import { JobId } from '../codecs/primitives.js'
import { parseJson } from '../http/parseJson.js'
import type { JobTokens } from './JobTokens.js'
import type { Planned } from './planUpstream.js'
import type { RelayedAnswer } from './relayedAnswer.js'

/**
 * An accepted submission's answer with a job token for its job in `X-Pixii-Job-Token`, when the
 * proxy has `jobTokens`: the browser that submitted may then read that job, and only that one.
 * Any other answer is returned as it is.
 *
 * @example
 * ```ts
 * import { createJobTokens } from './createJobTokens.js'
 * import { withJobToken } from './withJobToken.js'
 * const tokens = createJobTokens({ keys: { k1: 'a secret of at least thirty-two characters' } })
 * const planned = { request: { method: 'POST' as const, path: '/v1/api/scale' }, submission: {} }
 * const answer = { status: 202, headers: {}, body: JSON.stringify({ job_id: 'job_9', status: 'pending' }), relayed: true }
 * const token = withJobToken(tokens, planned, answer).headers['x-pixii-job-token'] ?? ''
 * console.log(tokens.verify(token, 'job_9').ok)
 * // Output: true
 * ```
 */
export function withJobToken(tokens: JobTokens | undefined, planned: Planned, answer: RelayedAnswer): RelayedAnswer {
  if (tokens === undefined || planned.submission === undefined || !answer.relayed || answer.status < 200 || answer.status > 299) return answer
  const body = typeof answer.body === 'string' ? new TextEncoder().encode(answer.body) : answer.body
  const parsed = parseJson(body, 'application/json')
  const jobId = parsed.ok ? (parsed.value as { job_id?: unknown } | null)?.job_id : undefined
  if (!JobId.is(jobId)) return answer
  return { ...answer, headers: { ...answer.headers, 'x-pixii-job-token': tokens.issue(jobId) } }
}
