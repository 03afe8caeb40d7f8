/** What the `X-RateLimit-*` headers of an answer say of one window. */
export interface WindowHeaders {
  readonly limit: number | undefined
  readonly remaining: number | undefined
}

const count = (raw: string | null): number | undefined => (raw !== null && /^\s*\d+\s*$/.test(raw) ? Number(raw) : undefined)

/** Reads `X-RateLimit-{Limit,Remaining}-{Minute,Day}`; a missing or malformed header is `undefined`. */
export function rateLimitHeaders(headers: Pick<Headers, 'get'>, window: 'Minute' | 'Day'): WindowHeaders {
  return {
    limit: count(headers.get(`x-ratelimit-limit-${window.toLowerCase()}`)),
    remaining: count(headers.get(`x-ratelimit-remaining-${window.toLowerCase()}`)),
  }
}
