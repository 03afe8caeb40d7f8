import { isApiErrorBody } from '../codecs/ApiErrorBody.js'
import { InsufficientCreditsError } from '../errors/InsufficientCreditsError.js'
import { JobNotFoundError } from '../errors/JobNotFoundError.js'
import { NoActiveBrandError } from '../errors/NoActiveBrandError.js'
import type { PixiiError } from '../errors/PixiiError.js'
import { RateLimitedError } from '../errors/RateLimitedError.js'
import type { RequestContext } from '../errors/RequestContext.js'
import { ServerError } from '../errors/ServerError.js'
import { UnauthorizedError } from '../errors/UnauthorizedError.js'
import { ValidationError } from '../errors/ValidationError.js'
import { redactSecrets } from '../internal/redactSecrets.js'
import { parseRetryAfter } from './parseRetryAfter.js'
import { serverIssues } from './serverIssues.js'

/** What the transport knows of a non-2xx answer. */
export interface FailedAnswer {
  readonly status: number
  readonly headers: Pick<Headers, 'get'>
  /** The parsed body, or `undefined` when it was empty or not JSON. */
  readonly body: unknown
  readonly context: RequestContext
  /** Pixii's time when the answer came (its `Date` header, or the client's clock corrected by the estimated offset), for a `Retry-After` date. */
  readonly nowMs: number
  /** Secrets to scrub from the server's words (the configured key). */
  readonly secrets: readonly string[]
}

/** Turns a non-2xx answer into the {@link PixiiError} that says what it means. */
export function errorFromResponse(answer: FailedAnswer): PixiiError {
  const { status, headers, context, nowMs, secrets } = answer
  const body = isApiErrorBody(answer.body) ? answer.body : undefined
  // The server's words are not trusted to be free of the key: its code lands in `context` too.
  const code = body === undefined ? undefined : redactSecrets(body.code, secrets)
  const where = `${context.method ?? ''} ${context.path ?? ''} answered ${status}${code === undefined ? '' : ` ${code}`}`
  const message = redactSecrets(`${where.trim()}: ${body?.message ?? 'no error body'}`, secrets)
  const init = { message, context: { ...context, status, ...(code === undefined ? {} : { serverCode: code }) } }
  const retryAfterMs =
    parseRetryAfter(headers.get('retry-after'), nowMs) ?? (body?.retry_after === undefined ? undefined : body.retry_after * 1000)
  const withRetryAfter = retryAfterMs === undefined ? init : { ...init, retryAfterMs }

  if (status === 401 || status === 403) return new UnauthorizedError(init)
  if (status === 404 && context.jobId !== undefined) return new JobNotFoundError(init)
  if (status === 429) {
    const window = code === 'RATE_LIMIT_DAY_EXCEEDED' ? 'day' : code === 'RATE_LIMIT_MINUTE_EXCEEDED' ? 'minute' : undefined
    return new RateLimitedError(window === undefined ? withRetryAfter : { ...withRetryAfter, window })
  }
  if (code === 'INSUFFICIENT_CREDITS') return new InsufficientCreditsError(init)
  if (code === 'NO_ACTIVE_BRAND') return new NoActiveBrandError(init)
  if (status === 400 || status === 422) {
    const issues = serverIssues(body?.detail, body?.message ?? message).map((issue) => ({
      path: redactSecrets(issue.path, secrets),
      message: redactSecrets(issue.message, secrets),
    }))
    return new ValidationError({ ...init, source: 'server', issues })
  }
  return new ServerError(withRetryAfter)
}
