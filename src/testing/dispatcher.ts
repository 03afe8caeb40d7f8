import type { Subscription } from 'rxjs'
import type { Fault, FaultTarget } from './faults.js'
import type { Model } from './model.js'
import type { ImageRequest, LoggedRequest, RequestLog } from './requestLog.js'
import type { Reply } from './reply.js'
import { respond, type Plan } from './respond.js'
import { matchRoute } from './routes.js'

/**
 * A request as a transport first sees it: everything but the body.
 *
 * @example
 * ```ts
 * import type { Arrival } from './dispatcher.js'
 * const arrival: Arrival = { transport: 'memory', method: 'GET', path: '/v1/api/jobs/job_1', query: {}, authorization: null }
 * ```
 */
export interface Arrival {
  readonly transport: 'http' | 'memory'
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly authorization: string | null
}

/**
 * One request in flight. The transport reports how it ends; the first report wins.
 *
 * @example
 * ```ts
 * import { createDispatcher } from './dispatcher.js'
 * import { createFaults } from './faults.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * import { createPrng } from './prng.js'
 * import { createRequestLog } from './requestLog.js'
 * const log = createRequestLog()
 * const dispatcher = createDispatcher(createModel(resolveOptions()), log, createFaults(createPrng(1)))
 * const exchange = dispatcher.begin({ transport: 'memory', method: 'GET', path: '/v1/api/jobs/job_1', query: {}, authorization: null })
 * const plan = await exchange.plan('')
 * exchange.finished()
 * console.log(plan.kind === 'reply' ? plan.reply.status : plan.kind, log.entries[0]?.finishedAt !== undefined)
 * // Output: 401 true
 * ```
 */
export interface Exchange {
  /** What to send, once the body is in and any latency fault has passed on the scheduler. */
  plan(body: string): Promise<Plan>
  /** The answer was fully delivered. */
  finished(): void
  /** The client went away first: the request is logged as `clientAborted`. */
  aborted(): void
  /** The server ended it (a `reset` fault, or the simulator closing): not the client's doing. */
  closedByServer(): void
}

/**
 * Logs, picks faults for and answers requests, for either transport.
 *
 * @example
 * ```ts
 * import { createDispatcher } from './dispatcher.js'
 * import { createFaults } from './faults.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * import { createPrng } from './prng.js'
 * import { createRequestLog } from './requestLog.js'
 * const log = createRequestLog()
 * const dispatcher = createDispatcher(createModel(resolveOptions()), log, createFaults(createPrng(1)))
 * dispatcher.begin({ transport: 'http', method: 'GET', path: '/v1/api/jobs/job_1', query: {}, authorization: null })
 * dispatcher.closeAll() // before tearing down the transports: not the client's doing
 * console.log(log.entries[0]?.clientAborted)
 * // Output: false
 * ```
 */
export interface Dispatcher {
  begin(arrival: Arrival): Exchange
  /** Ends every open exchange as closed by the server, cancelling pending latency. */
  closeAll(): void
}

/** `reply` with a `Date` header of model time `at` (an HTTP-date: whole seconds). */
const withDate = (reply: Reply, at: number): Reply => ({ ...reply, headers: { ...reply.headers, Date: new Date(at).toUTCString() } })

/**
 * Creates a dispatcher over a model, a log and the fault picker.
 *
 * @example
 * ```ts
 * import { createDispatcher } from './dispatcher.js'
 * import { createFaults } from './faults.js'
 * import { createModel } from './model.js'
 * import { resolveOptions } from './options.js'
 * import { createPrng } from './prng.js'
 * import { createRequestLog } from './requestLog.js'
 * const dispatcher = createDispatcher(createModel(resolveOptions()), createRequestLog(), createFaults(createPrng(1)))
 * ```
 */
export function createDispatcher(
  model: Model,
  log: RequestLog,
  faults: { pick(target: FaultTarget): Fault | undefined },
): Dispatcher {
  const { scheduler, now } = model.options
  const open = new Set<() => void>()

  const begin = (arrival: Arrival): Exchange => {
    const at = now()
    const route = matchRoute(arrival.path)
    const get = arrival.method.toUpperCase() === 'GET'
    const jobRead = get && (route.kind === 'job' || route.kind === 'jobs')
    const fault = faults.pick({ method: arrival.method, path: arrival.path, jobRead, jobGet: get && route.kind === 'job' })
    const faultField = fault === undefined ? {} : { fault: fault.kind }

    // Latency is scheduled now, synchronously, so that a virtual clock flushed right after
    // the request sees it.
    let timer: Subscription | undefined
    const ready = new Promise<number>((resolve) => {
      if (fault?.kind !== 'latency') return resolve(at)
      timer = scheduler.schedule(() => resolve(now()), fault.ms)
    })

    let entry: LoggedRequest | undefined
    let image: ImageRequest | undefined
    if (route.kind === 'image') {
      image = log.addImage({ at, path: arrival.path, hadAuthorization: arrival.authorization !== null, status: 0, ...faultField })
    } else {
      const org = model.authenticate(arrival.authorization)?.orgId
      entry = log.add({
        at,
        transport: arrival.transport,
        method: arrival.method,
        path: arrival.path,
        query: { ...arrival.query },
        ...(org === undefined ? {} : { org }),
        ...faultField,
        clientAborted: false,
      })
    }

    let done = false
    const settle = (then: () => void) => (): void => {
      if (done) return
      done = true
      open.delete(closedByServer)
      timer?.unsubscribe()
      then()
    }
    const closedByServer = settle(() => undefined)
    open.add(closedByServer)

    return {
      async plan(body) {
        const when = await ready
        // A request whose client is already gone is not processed (nothing to answer).
        if (done) return new Promise<Plan>(() => undefined)
        const planned = respond(model, route, { ...arrival, body }, fault, when)
        if (fault?.kind === 'delayed-answer') {
          // Handled already (a job may exist now); the answer waits, and a client gone meanwhile gets none.
          await new Promise<void>((resolve) => {
            timer = scheduler.schedule(() => resolve(), fault.ms)
          })
          if (done) return new Promise<Plan>(() => undefined)
        }
        // Every answer carries the simulator's own time, as a real server's does.
        const plan = planned.kind === 'reply' ? { ...planned, reply: withDate(planned.reply, when) } : planned
        if (plan.kind === 'reply') {
          if (entry !== undefined) entry.status = plan.reply.status
          if (image !== undefined) image.status = plan.reply.status
        }
        return plan
      },
      finished: settle(() => {
        if (entry !== undefined) entry.finishedAt = now()
      }),
      aborted: settle(() => {
        if (entry !== undefined) log.markAborted(entry)
      }),
      closedByServer,
    }
  }

  return {
    begin,
    closeAll() {
      for (const close of [...open]) close()
    },
  }
}
