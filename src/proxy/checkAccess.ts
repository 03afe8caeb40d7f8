import type { IncomingMessage } from 'node:http'
import type { JobTokenProblem } from './JobTokens.js'
import type { ProxySettings } from './normalizeProxyOptions.js'
import type { ProxyAccess } from './ProxyAccess.js'
import { jobReads } from './ProxyRoute.js'
import type { Refusal } from './Refusal.js'

const tokenProblems: Readonly<Record<JobTokenProblem, string>> = {
  malformed: 'it is not a job token',
  'unknown-key': 'it was signed with a key this proxy does not hold',
  'bad-signature': 'its signature does not match',
  expired: 'it has expired',
  'other-job': 'it was issued for another job',
}

/** What the proxy checked of a request, before it is forwarded. */
export type Checked<Req extends IncomingMessage> = Omit<ProxyAccess<Req>, 'token'>

/**
 * The refusal for a request this end user may not make, or `undefined`: a job read needs a job
 * token for that job (when `jobTokens` is set), then `authorize` must say `true`, then a
 * submission needs room in `submissionQuota`. Runs after every other check and before anything
 * is sent upstream; the token itself never appears in a message.
 */
export async function checkAccess<Req extends IncomingMessage>(
  settings: ProxySettings<Req>,
  checked: Checked<Req>,
  token: string | undefined,
): Promise<Refusal | undefined> {
  const { route, jobId } = checked
  let access: ProxyAccess<Req> = checked
  if (settings.jobTokens !== undefined && jobReads.has(route) && jobId !== undefined) {
    if (token === undefined) {
      return { status: 401, code: 'UNAUTHORIZED', message: `Reading job ${jobId} needs a job token (the X-Pixii-Job-Token header or the token query parameter)` }
    }
    const verdict = settings.jobTokens.verify(token, jobId)
    if (!verdict.ok) return { status: 403, code: 'FORBIDDEN', message: `The job token does not open job ${jobId}: ${tokenProblems[verdict.problem]}` }
    access = { ...checked, token: verdict.claims }
  }
  if (settings.authorize !== undefined && (await settings.authorize(access)) !== true) {
    const what = jobId !== undefined ? ` of job ${jobId}` : checked.asin !== undefined ? ` for ASIN ${checked.asin}` : ''
    return { status: 403, code: 'FORBIDDEN', message: `${route}${what} is not allowed for this user` }
  }
  if (settings.submissionQuota !== undefined && checked.submission !== undefined) {
    const verdict = await settings.submissionQuota(access)
    if (verdict === true) return undefined
    const retryAfterMs = typeof verdict === 'object' && verdict !== null ? verdict.retryAfterMs : Number.NaN
    if (!Number.isFinite(retryAfterMs) || retryAfterMs < 0) return { status: 403, code: 'FORBIDDEN', message: `${route} is not allowed for this user (no submission quota)` }
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
    return {
      status: 429,
      code: 'USER_QUOTA_EXCEEDED',
      message: `This user's submission quota is spent; retry in ${seconds} s`,
      headers: { 'retry-after': String(seconds) },
      retryAfter: seconds,
    }
  }
  return undefined
}
