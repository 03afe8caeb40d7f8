import type { IncomingMessage } from 'node:http'
import type * as t from 'io-ts'
import { ListJobsQuery } from '../api/ListJobsQuery.js'
import { validateInput } from '../api/validateInput.js'
import { APlusRequest } from '../codecs/APlusRequest.js'
import { ListingBuilderRequest } from '../codecs/ListingBuilderRequest.js'
import { JobId } from '../codecs/primitives.js'
import { ScaleRequest } from '../codecs/ScaleRequest.js'
import type { UpstreamRequest } from './forwardUpstream.js'
import type { AnyProxySettings } from './normalizeProxyOptions.js'
import type { ProxyRoute } from './ProxyRoute.js'
import { readJsonBody } from './readJsonBody.js'
import type { Refusal } from './Refusal.js'

const submissionCodecs: Readonly<Partial<Record<ProxyRoute, t.Decoder<unknown, unknown>>>> = {
  submitListingBuilder: ListingBuilderRequest,
  submitScale: ScaleRequest,
  submitAPlus: APlusRequest,
}

const submissionPaths: Readonly<Partial<Record<ProxyRoute, string>>> = {
  submitListingBuilder: '/v1/api/listing_builder',
  submitScale: '/v1/api/scale',
  submitAPlus: '/v1/api/a_plus',
}

function listQuery(search: URLSearchParams): unknown {
  const query: Record<string, unknown> = {}
  // Numbers only when they are written as digits; anything else reaches the codec as text and is refused.
  for (const [name, value] of search) query[name] = name !== 'asin' && /^\d{1,9}$/.test(value) ? Number(value) : value
  return query
}

/**
 * The first parameter given more than once. Servers and frameworks disagree on which copy counts
 * (`URLSearchParams.get` takes the first, an object built from the pairs the last), so what
 * was checked and what is meant could differ: a repeat is refused, never resolved.
 */
function repeatedParameter(search: URLSearchParams): { readonly name: string; readonly times: number } | undefined {
  const names = [...search.keys()]
  const name = names.find((candidate, index) => names.indexOf(candidate) !== index)
  return name === undefined ? undefined : { name, times: names.filter((candidate) => candidate === name).length }
}

/** The request to send, and what the authorization hooks are told of it. */
export interface Planned {
  readonly request: UpstreamRequest
  readonly jobId?: string
  readonly asin?: string
  readonly submission?: unknown
}

/**
 * Builds the request to send to Pixii from the parts of the browser's request that pass their
 * checks (a job id, a list query, a submission body), or the refusal to answer with. Nothing
 * else of the browser's request is used. `jobId` is set once it is known good.
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from 'node:http'
 * import { normalizeProxyOptions } from './normalizeProxyOptions.js'
 * import { planUpstream } from './planUpstream.js'
 * const settings = normalizeProxyOptions({ apiKey: 'pk_live_abc', allow: ['listJobs'] })
 * const req = {} as IncomingMessage // a GET: its body is not read
 * const plan = await planUpstream(settings, req, 'listJobs', undefined, new URLSearchParams('limit=5&asin=B0CHX1W1XY'))
 * console.log('request' in plan ? plan.request.path : plan.message)
 * const refused = await planUpstream(settings, req, 'getJob', '..', new URLSearchParams())
 * console.log('status' in refused ? refused.status : 'sent')
 * const twice = await planUpstream(settings, req, 'listJobs', undefined, new URLSearchParams('asin=B0CHX1W1XY&asin=B0OTHER001'))
 * console.log('status' in twice ? twice.message : 'sent')
 * // Output: /v1/api/jobs?asin=B0CHX1W1XY&limit=5
 * // Output: 400
 * // Output: Query parameter "asin" is given 2 times; give it once
 * ```
 */
export async function planUpstream(
  settings: AnyProxySettings,
  req: IncomingMessage,
  route: ProxyRoute,
  rawJobId: string | undefined,
  search: URLSearchParams,
): Promise<Planned | Refusal> {
  const invalid = (message: string): Refusal => ({ status: 400, code: 'VALIDATION_ERROR', message })
  if (route === 'getJob' || route === 'watchJob') {
    const checked = validateInput(JobId, rawJobId, 'job_id')
    if (!checked.ok || rawJobId === '.' || rawJobId === '..') return invalid(checked.ok ? 'job_id: not a job id' : checked.error.message)
    if ([...search.keys()].length > 0) return invalid(`GET /v1/api/jobs/{id}${route === 'watchJob' ? '/events' : ''} takes no query`)
    return { request: { method: 'GET', path: `/v1/api/jobs/${encodeURIComponent(checked.value)}` }, jobId: checked.value }
  }
  if (route === 'listJobs') {
    const repeated = repeatedParameter(search)
    if (repeated !== undefined) {
      const name = JSON.stringify(repeated.name.slice(0, 40))
      return { ...invalid(`Query parameter ${name} is given ${repeated.times} times; give it once`), detail: repeated.name.slice(0, 40) }
    }
    const checked = validateInput(ListJobsQuery, listQuery(search))
    if (!checked.ok) return invalid(checked.error.message)
    const { asin, page, limit } = checked.value
    const query = new URLSearchParams({ asin, ...(page === undefined ? {} : { page: String(page) }), ...(limit === undefined ? {} : { limit: String(limit) }) })
    return { request: { method: 'GET', path: `/v1/api/jobs?${query.toString()}` }, asin }
  }
  const body = await readJsonBody(req, settings.maxBodyBytes)
  if (!body.ok) return { status: body.status, code: body.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_ERROR', message: body.message, headers: { connection: 'close' } }
  const checked = validateInput(submissionCodecs[route] as t.Decoder<unknown, unknown>, body.value)
  if (!checked.ok) return invalid(checked.error.message)
  const asin = (checked.value as { readonly asin: string }).asin
  return { request: { method: 'POST', path: submissionPaths[route] as string, body: checked.value }, asin, submission: checked.value }
}
