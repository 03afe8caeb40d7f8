import { filter, firstValueFrom, ReplaySubject, type Observable } from 'rxjs'

/**
 * One API request as the simulator saw it. The entry is logged on arrival and updated in
 * place: `status` once the answer is chosen, `finishedAt` once the body is fully delivered,
 * `clientAborted` if the client went away before that.
 *
 * @example
 * ```ts
 * import type { LoggedRequest } from 'pixii-rx/testing'
 * const seen: LoggedRequest = {
 *   seq: 1, at: 0, transport: 'http', method: 'GET', path: '/v1/api/jobs/job_1', query: {},
 *   org: 'org_1', status: 200, clientAborted: false, finishedAt: 0,
 * }
 * ```
 */
export interface LoggedRequest {
  /** 1, 2, 3… in arrival order. */
  seq: number
  /** Model time of arrival. */
  at: number
  transport: 'http' | 'memory'
  method: string
  /** The path, without the query. */
  path: string
  query: Record<string, string>
  /** The organisation of a valid key, when the request carried one. */
  org?: string
  /** The HTTP status answered; absent while the answer is pending (or never came). */
  status?: number
  /** The kind of the fault injected into this request. */
  fault?: string
  /** True when the client went away before the answer was fully delivered. */
  clientAborted: boolean
  /** Model time at which the body was fully delivered (memory: read to its end by the client). */
  finishedAt?: number
}

/**
 * One request to the image host (`/images/...`), which is not an API request.
 *
 * @example
 * ```ts
 * import type { ImageRequest } from 'pixii-rx/testing'
 * const hit: ImageRequest = { at: 0, path: '/images/job_1/1.png', hadAuthorization: false, status: 200 }
 * ```
 */
export interface ImageRequest {
  at: number
  path: string
  /** Whether an `Authorization` header came along (an API key must never be sent to the image host). */
  hadAuthorization: boolean
  /** The status answered; 0 while pending. */
  status: number
  /** The kind of the fault injected into this request. */
  fault?: string
}

/**
 * The simulator's request log, with Observables to wait on it deterministically.
 * Both streams replay everything seen so far to each subscriber, then follow live, and
 * complete when the simulator closes.
 *
 * @example
 * ```ts
 * import { filter, firstValueFrom } from 'rxjs'
 * import { createSimulator } from 'pixii-rx/testing'
 * const sim = createSimulator()
 * sim.faults.inject({ kind: 'hang' })
 * const controller = new AbortController()
 * const answer = sim.fetch('/v1/api/jobs/job_1', { signal: controller.signal }).catch((e: Error) => e.name)
 * const poll = await firstValueFrom(sim.requests$.pipe(filter((r) => r.method === 'GET')))
 * controller.abort() // what unsubscribing a client does
 * const aborted = await sim.whenAborted(poll.seq)
 * console.log(aborted.clientAborted, await answer)
 * // Output: true AbortError
 * await sim.close()
 * ```
 */
export interface RequestLog {
  readonly entries: readonly LoggedRequest[]
  readonly images: readonly ImageRequest[]
  readonly requests$: Observable<LoggedRequest>
  readonly aborts$: Observable<LoggedRequest>
  whenAborted(seq: number): Promise<LoggedRequest>
  add(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest
  addImage(entry: ImageRequest): ImageRequest
  markAborted(entry: LoggedRequest): void
  complete(): void
}

/**
 * Creates an empty log.
 *
 * @example
 * ```ts
 * import { createRequestLog } from './requestLog.js'
 * const log = createRequestLog()
 * console.log(log.add({ at: 0, transport: 'memory', method: 'GET', path: '/', query: {}, clientAborted: false }).seq)
 * // Output: 1
 * ```
 */
export function createRequestLog(): RequestLog {
  const entries: LoggedRequest[] = []
  const images: ImageRequest[] = []
  const requests = new ReplaySubject<LoggedRequest>()
  const aborts = new ReplaySubject<LoggedRequest>()
  const aborts$ = aborts.asObservable()
  return {
    entries,
    images,
    requests$: requests.asObservable(),
    aborts$,
    whenAborted: (seq) => firstValueFrom(aborts$.pipe(filter((e) => e.seq === seq))),
    add(fields) {
      const entry: LoggedRequest = { seq: entries.length + 1, ...fields }
      entries.push(entry)
      requests.next(entry)
      return entry
    },
    addImage(entry) {
      images.push(entry)
      return entry
    },
    markAborted(entry) {
      if (entry.clientAborted) return
      entry.clientAborted = true
      aborts.next(entry)
    },
    complete() {
      requests.complete()
      aborts.complete()
    },
  }
}
