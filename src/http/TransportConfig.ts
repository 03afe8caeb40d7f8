import type { SchedulerLike } from 'rxjs'
import type { ValidationError } from '../errors/ValidationError.js'
import type { RequestGate } from './RequestGate.js'

/**
 * The fetch function the transport calls: the global one, cross-fetch's, or a simulator's.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import { type FetchLike } from 'pixii-rx/advanced'
 * // A fetch that logs every request, then hands it to the platform.
 * const logged: FetchLike = (url, init) => {
 *   console.log(init.method ?? 'GET', new URL(url).pathname)
 *   return fetch(url, init)
 * }
 * createPixiiClient({ apiKey: 'pk_test_abc', fetch: logged })
 * ```
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

/**
 * Everything the transport needs, already normalised and validated by `createPixiiClient`.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs'
 * import type { TransportConfig } from './TransportConfig.js'
 * const config: TransportConfig = {
 *   baseUrl: 'https://api.pixii.ai', apiKey: 'pk_test_123', fetch: globalThis.fetch,
 *   scheduler: asyncScheduler, requestTimeoutMs: 30_000, maxBodyBytes: 10 * 1024 * 1024,
 * }
 * ```
 */
export interface TransportConfig {
  /** Base URL without a trailing slash, such as `https://api.pixii.ai`. */
  readonly baseUrl: string
  /** The bearer key; absent when a same-origin proxy adds it. */
  readonly apiKey?: string
  /** The fetch implementation. */
  readonly fetch: FetchLike
  /** The clock and timer source for request timeouts and `Retry-After` dates. */
  readonly scheduler: SchedulerLike
  /**
   * Pixii's clock minus the scheduler's, as estimated so far (the client's schedule reads it from
   * the answers), to read a `Retry-After` date on Pixii's clock when its answer has no `Date`
   * header; the scheduler's own clock when absent.
   */
  readonly serverClockOffsetMs?: () => number
  /** How long one request may take, headers and body, before it is aborted. */
  readonly requestTimeoutMs: number
  /** The largest response body accepted, enforced while reading. */
  readonly maxBodyBytes: number
  /** The cap on requests in flight shared by every call of a client; none when absent. */
  readonly gate?: RequestGate
  /** Set when the client can send nothing where it was made: every request ends with it, unsent. */
  readonly unusable?: ValidationError
}
