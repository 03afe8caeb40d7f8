import { expect } from 'chai'
import { DecodeError, NetworkError, RateLimitedError, ServerError, TimeoutError, UnauthorizedError, type PixiiError } from '../../src/index.js'
import { mayResend, resendVerdict } from '../../src/http/resendVerdict.js'

const post = { method: 'POST' as const, path: '/v1/api/scale' }
const get = { method: 'GET' as const, path: '/v1/api/jobs/job_1' }
type Context = typeof post | typeof get

/** One failure of each kind that matters, for a request of the given method. */
const failures = (context: Context): Record<string, PixiiError> => ({
  '429': new RateLimitedError({ message: 'm', context: { ...context, status: 429 } }),
  'connection refused': new NetworkError({ message: 'm', failure: 'connection', context }),
  '503': new ServerError({ message: 'm', context: { ...context, status: 503 } }),
  reset: new NetworkError({ message: 'm', failure: 'reset', context }),
  'body too large': new NetworkError({ message: 'm', failure: 'body-too-large', context }),
  'request timeout': new TimeoutError({ message: 'm', deadline: 'request', ms: 30_000, context }),
  '500': new ServerError({ message: 'm', context: { ...context, status: 500 } }),
  '408': new ServerError({ message: 'm', context: { ...context, status: 408 } }),
  '422': new ServerError({ message: 'm', context: { ...context, status: 422 } }),
  'undecodable answer': new DecodeError({ message: 'm', issues: [], context }),
  'undecodable acceptance': new DecodeError({ message: 'm', issues: [], context: { ...context, jobId: 'job_1' } }),
  '401': new UnauthorizedError({ message: 'm', context: { ...context, status: 401 } }),
})

const verdicts = (context: Context) => Object.fromEntries(Object.entries(failures(context)).map(([name, error]) => [name, resendVerdict(error)]))

describe('resendVerdict (the one judge of sending a request again)', () => {
  it('sends a POST again only when the failure proves the server did not take it; a lost answer is unknown', () => {
    expect(verdicts(post)).to.deep.equal({
      '429': 'rate-limited', 'connection refused': 'unsent', '503': 'unsent',
      reset: 'unknown', 'body too large': 'unknown', 'request timeout': 'unknown', '500': 'unknown', '408': 'unknown',
      '422': 'refused', 'undecodable answer': 'unknown', 'undecodable acceptance': 'refused', '401': 'refused',
    })
  })

  it('sends a read again after any failure that may pass, and never after one that will not', () => {
    expect(verdicts(get)).to.deep.equal({
      '429': 'rate-limited', 'connection refused': 'unsent', '503': 'unsent',
      reset: 'transient', 'body too large': 'refused', 'request timeout': 'transient', '500': 'transient', '408': 'transient',
      '422': 'refused', 'undecodable answer': 'refused', 'undecodable acceptance': 'refused', '401': 'refused',
    })
    // For a read, mayResend is exactly `retryable`: the watch loops behave as before.
    for (const [name, error] of Object.entries(failures(get))) expect(mayResend(error), name).to.equal(error.retryable)
  })

  it('takes the method from the error unless told, and judges an unknown method as a read', () => {
    const reset = new NetworkError({ message: 'm', failure: 'reset' })
    expect([resendVerdict(reset), resendVerdict(reset, 'POST'), mayResend(failures(post).reset!, 'GET')]).to.deep.equal(['transient', 'unknown', true])
  })
})
