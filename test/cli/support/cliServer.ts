// The hostile server the terminal and signal tests of the CLI talk to: jobs that complete, complete
// in part, fail, are unknown or never finish; a listing whose second page never comes; and
// submissions answered 429 (Retry-After 1) for ever, or, for one ASIN, never answered at all.
import type { ServerResponse } from 'node:http'
import { jobBody, pageBody, startHostileServer, summaryBody, type HostileServer } from '../../support/hostileServer.js'

/** A signed image URL, as Pixii's are: its signature is what makes it usable. */
export const signedUrl = (n: number): string => `https://img.pixii.test/${n}.png?expires=1790000000&signature=${'ab'.repeat(32)}`

/** The ASIN whose submissions the server never answers. */
export const hangingAsin = 'B0HANGHANG'

const jobs: Readonly<Record<string, Record<string, unknown>>> = {
  job_ok: { output: { ads: [1, 2, 3].map((n) => ({ preview_url: signedUrl(n), error: null })) } },
  // Seven ads, two of which Pixii could not make.
  job_partial: {
    output: {
      ads: [
        ...[1, 2, 3, 4, 5].map((n) => ({ preview_url: signedUrl(n), error: null })),
        { preview_url: null, error: { code: 'CONTENT_POLICY', message: 'Refused by policy' } },
        { preview_url: null, error: { code: 'LOW_RESOLUTION', message: 'Input too small' } },
      ],
    },
  },
  job_failed: { status: 'failed', output: null, credits_refunded: 20, error_code: 'GENERATION_FAILED' },
  job_slow: { status: 'processing', completed_at: null, credits_refunded: 0, output: null },
}

/** Starts the server. Closing it ends the answers it was holding back. */
export async function startCliServer(): Promise<HostileServer> {
  const held: ServerResponse[] = []
  const hold = (res: ServerResponse): void => void held.push(res)
  const server = await startHostileServer(({ method, url, body }) => {
    const id = /^\/v1\/api\/jobs\/([^/]+)$/.exec(url.pathname)?.[1]
    // job_done_1…: finished jobs of two minutes each, for the schedule to learn from; job_eta
    // started ten seconds ago (by this server's clock, which its Date header shows) and runs on.
    if (method === 'GET' && id !== undefined && /^job_done_\d+$/.test(id)) return { body: jobBody({ id }) }
    if (method === 'GET' && id === 'job_eta') {
      const ago = (ms: number): string => new Date(Date.now() - ms).toISOString()
      return { body: jobBody({ id, status: 'processing', created_at: ago(15_000), started_at: ago(10_000), completed_at: null, credits_refunded: 0, output: null }) }
    }
    if (method === 'GET' && id !== undefined) {
      const fields = jobs[decodeURIComponent(id)]
      return fields === undefined ? undefined : { body: jobBody({ id: decodeURIComponent(id), job_type: 'Listing Builder', ...fields }) }
    }
    if (method === 'GET' && url.pathname === '/v1/api/jobs') {
      if ((url.searchParams.get('page') ?? '1') !== '1') return hold
      return { body: pageBody({ data: [summaryBody('job_listed_1'), summaryBody('job_listed_2')], total: 40, page: 1, limit: 2 }) }
    }
    if (method === 'POST' && url.pathname === '/v1/api/listing_builder') {
      if (body.includes(hangingAsin)) return hold
      return { status: 429, headers: { 'retry-after': '1' }, body: { code: 'RATE_LIMIT_MINUTE_EXCEEDED', message: 'Too many submissions' } }
    }
    return undefined
  })
  const close = (): Promise<void> => server.close()
  return {
    ...server,
    requests: server.requests,
    close: async () => {
      for (const res of held) res.destroy()
      await close()
    },
  }
}
