import type { Prng } from './prng.js'

/**
 * A fault the simulator can inject into one request. Faults marked "processed" let the model
 * handle the request first (a submission creates its job), then damage the answer; the others
 * answer instead of the model, so nothing happens server-side.
 * - `latency`: wait `ms` on the scheduler, then handle the request at that later model time.
 * - `delayed-answer` (processed): handle the request on arrival (a submission creates its job),
 *   then wait `ms` on the scheduler before answering; a client that goes away meanwhile never
 *   hears of what it caused.
 * - `status`: 500/502/503 with `{ code: 'INTERNAL_ERROR' | 'SERVICE_UNAVAILABLE', message }`.
 * - `rate-limit`: 429 `RATE_LIMIT_MINUTE_EXCEEDED`; `Retry-After` is `retryAfter` seconds, or
 *   with `'http-date'` an HTTP date `seconds` (default 5) ahead of the model clock.
 * - `reset` (processed): 200 headers with the full `Content-Length`, half the body, then the
 *   connection is destroyed (in memory: the body stream errors with `TypeError('terminated')`).
 * - `malformed-json` (processed): 200, `application/json`, the first half of the body.
 * - `empty` (processed): 200, `application/json`, no body.
 * - `html`: 502 `text/html` page, as a proxy would send.
 * - `hang`: no answer until the client goes away (or the simulator closes).
 * - `stale` (processed): a job read answers with each job in its previous status. It only
 *   applies to `GET /v1/api/jobs...`; other requests neither trigger nor consume it.
 * - `misdirected` (processed): a 200 about another job, well-formed: the job of the same
 *   organisation created just before the one asked for, or, when there is none, the job asked for
 *   under another id (its last digit changed). It only applies to `GET /v1/api/jobs/{id}`; other
 *   requests neither trigger nor consume it, and an answer other than 200 (401, 404) goes through
 *   unchanged. A client must refuse it: the record is not about the job it asked for.
 * - `redirect`: `status` (default 302) with `Location: location` and an empty body, as a
 *   hijacked or misconfigured server might answer; Pixii itself never redirects.
 *
 * @example
 * ```ts
 * import type { Fault } from 'pixii-rx/testing'
 * const slow: Fault = { kind: 'latency', ms: 30_000 }
 * const createdThenSlow: Fault = { kind: 'delayed-answer', ms: 500 }
 * const throttled: Fault = { kind: 'rate-limit', retryAfter: 'http-date', seconds: 10 }
 * const elsewhere: Fault = { kind: 'redirect', location: 'http://127.0.0.2:8080/collect', status: 307 }
 * const someoneElse: Fault = { kind: 'misdirected' }
 * ```
 */
export type Fault =
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'delayed-answer'; readonly ms: number }
  | { readonly kind: 'status'; readonly status: 500 | 502 | 503 }
  | { readonly kind: 'rate-limit'; readonly retryAfter: number | 'http-date'; readonly seconds?: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'malformed-json' }
  | { readonly kind: 'html' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'stale' }
  | { readonly kind: 'misdirected' }
  | { readonly kind: 'redirect'; readonly location: string; readonly status?: 301 | 302 | 303 | 307 | 308 }

/**
 * Which requests a fault may hit: `method` compares case-insensitively, a string `path` must
 * equal the request path (no query), a RegExp is tested against it. Omitted parts match all,
 * image requests included.
 *
 * @example
 * ```ts
 * import type { FaultMatch } from 'pixii-rx/testing'
 * const polls: FaultMatch = { method: 'GET', path: /^\/v1\/api\/jobs\// }
 * ```
 */
export interface FaultMatch {
  readonly method?: string
  readonly path?: string | RegExp
}

/**
 * The fault-injection controls of a simulator.
 *
 * @example
 * ```ts
 * import { createSimulator } from 'pixii-rx/testing'
 * const sim = createSimulator()
 * sim.faults.inject({ kind: 'status', status: 503 }, { times: 2, match: { method: 'GET' } })
 * sim.faults.rate({ kind: 'reset' }, 0.1, { match: { method: 'POST' } }) // one in ten, the same ones for a given seed
 * const statuses: number[] = []
 * for (let i = 0; i < 3; i++) statuses.push((await sim.fetch('/v1/api/jobs/job_1')).status)
 * console.log(statuses.join(' '), sim.log.map((r) => r.fault ?? '-').join(' '))
 * // Output: 503 503 401 status status -
 * sim.faults.clear()
 * ```
 */
export interface Faults {
  /** Injects `fault` into the next `times` (default 1) matching requests, in the order rules were added. */
  inject(fault: Fault, opts?: { times?: number; match?: FaultMatch }): void
  /** Injects `fault` into each matching request with `probability`, drawn from the seeded generator. */
  rate(fault: Fault, probability: number, opts?: { match?: FaultMatch }): void
  /** Removes every rule. */
  clear(): void
}

/** What a fault picker needs to know of a request. */
export interface FaultTarget {
  readonly method: string
  readonly path: string
  /** A `GET` of one job or of a job list: the only requests `stale` applies to. */
  readonly jobRead: boolean
  /** A `GET` of one job by id: the only requests `misdirected` applies to. */
  readonly jobGet: boolean
}

interface Rule {
  readonly fault: Fault
  readonly match: FaultMatch
  left: number
  readonly probability?: number
}

const matches = (rule: Rule, target: FaultTarget): boolean =>
  (rule.fault.kind !== 'stale' || target.jobRead) &&
  (rule.fault.kind !== 'misdirected' || target.jobGet) &&
  (rule.match.method === undefined || rule.match.method.toUpperCase() === target.method.toUpperCase()) &&
  (rule.match.path === undefined ||
    (typeof rule.match.path === 'string' ? rule.match.path === target.path : rule.match.path.test(target.path)))

function checkFault(fault: Fault): void {
  const bad = (why: string): never => {
    throw new RangeError(`pixii-rx/testing: fault ${fault.kind}: ${why}`)
  }
  if ((fault.kind === 'latency' || fault.kind === 'delayed-answer') && !(Number.isFinite(fault.ms) && fault.ms >= 0)) bad(`ms must be >= 0, got ${fault.ms}`)
  if (fault.kind === 'status' && ![500, 502, 503].includes(fault.status)) bad(`status must be 500, 502 or 503, got ${fault.status}`)
  if (fault.kind === 'rate-limit' && fault.retryAfter !== 'http-date' && !(fault.retryAfter >= 0)) {
    bad(`retryAfter must be >= 0 or 'http-date', got ${fault.retryAfter}`)
  }
  if (fault.kind === 'redirect') {
    if (!URL.canParse(fault.location, 'http://127.0.0.1')) bad(`location must be a URL or a path, got ${fault.location}`)
    if (fault.status !== undefined && ![301, 302, 303, 307, 308].includes(fault.status)) bad(`status must be 301, 302, 303, 307 or 308, got ${fault.status}`)
  }
}

/**
 * Creates the fault controls plus `pick`, which the dispatcher calls once per request.
 *
 * @example
 * ```ts
 * import { createFaults } from './faults.js'
 * import { createPrng } from './prng.js'
 * const faults = createFaults(createPrng(1))
 * faults.inject({ kind: 'hang' })
 * const target = { method: 'GET', path: '/v1/api/jobs/x', jobRead: true, jobGet: true }
 * console.log(faults.pick(target)?.kind, faults.pick(target))
 * // Output: hang undefined
 * ```
 */
export function createFaults(prng: Prng): Faults & { pick(target: FaultTarget): Fault | undefined } {
  let rules: Rule[] = []
  return {
    inject(fault, opts = {}) {
      checkFault(fault)
      const times = opts.times ?? 1
      if (!(times >= 1) || (!Number.isInteger(times) && times !== Infinity)) {
        throw new RangeError(`pixii-rx/testing: inject times must be a positive integer or Infinity, got ${times}`)
      }
      rules.push({ fault, match: opts.match ?? {}, left: times })
    },
    rate(fault, probability, opts = {}) {
      checkFault(fault)
      if (!(probability >= 0 && probability <= 1)) {
        throw new RangeError(`pixii-rx/testing: rate probability must be within [0, 1], got ${probability}`)
      }
      rules.push({ fault, match: opts.match ?? {}, left: Infinity, probability })
    },
    clear() {
      rules = []
    },
    pick(target) {
      const counted = rules.find((r) => r.probability === undefined && matches(r, target))
      if (counted !== undefined) {
        counted.left -= 1
        if (counted.left <= 0) rules = rules.filter((r) => r !== counted)
        return counted.fault
      }
      for (const rule of rules) {
        if (rule.probability !== undefined && matches(rule, target) && prng.next() < rule.probability) return rule.fault
      }
      return undefined
    },
  }
}
