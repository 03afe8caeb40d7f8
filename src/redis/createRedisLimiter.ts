import { randomUUID } from 'node:crypto'
import { Observable, type Subscriber, type Subscription } from 'rxjs'
import { WaitQueue } from '../rx/WaitQueue.js'
import { rateLimitHeaders } from '../submit/limiter/rateLimitHeaders.js'
import type { LimiterToken } from '../submit/limiter/SubmissionLimiter.js'
import { checkRedisLimiterOptions } from './checkRedisLimiterOptions.js'
import { openRedisLink } from './openRedisLink.js'
import type { RedisLimiterOptions } from './RedisLimiterOptions.js'
import type { RedisLimiterState } from './RedisLimiterState.js'
import type { RedisSubmissionLimiter } from './RedisSubmissionLimiter.js'
import { reserveScript, settleScript, STATE_FIELDS, stateScript } from './limiterScripts.js'
import { runScript } from './runScript.js'

type Shared = Record<(typeof STATE_FIELDS)[number], number>

/** A token's verdict, owed to Redis until a settle script has run. */
interface Settlement {
  readonly id: string
  readonly at: number
  readonly verdict: 'spent' | 'returned' | 'rateLimited'
  readonly args: ReadonlyArray<string | number>
}

/** The pause after a 429 that says nothing of when to come back (as the client's own limiter). */
const DEFAULT_PAUSE_MS = 1_000
/** After a failed command, the next try (the connection's own reconnection may wake us sooner). */
const RETRY_MS = 1_000

const orNone = (value: number): number | undefined => (value < 0 ? undefined : value)
const sooner = (...times: Array<number | undefined>): number | undefined =>
  times.reduce<number | undefined>((min, t) => (t === undefined ? min : min === undefined ? t : Math.min(min, t)), undefined)
const header = (value: number | undefined): string => (value === undefined ? '' : String(value))

/**
 * Creates the submission limiter of an organisation, shared through Redis by every worker that
 * names the same `organisation`: both windows are checked and a token taken in one atomic
 * script, so the fleet together never exceeds `perMinute` and `perDay`. A 429 seen by any worker
 * pauses them all for its `Retry-After`; `X-RateLimit-*` headers correct the shared windows.
 * Waiting workers are woken by Redis's pub/sub when a token comes back early, and by a timer
 * on `scheduler` when one is due. When Redis cannot be reached, no submission starts: `state$`
 * says so (`redis.reachable`, `redis.message`) and the queue goes on when Redis is back. A
 * Redis that keeps the connection open but stops answering (stopped, or cut off by a network
 * partition) counts as unreachable once a command has waited `answerTimeoutMs` unanswered. A token
 * whose worker died in flight is counted as spent when its lease (`holdMs`) lapses.
 *
 * @param options - See {@link RedisLimiterOptions}: `redis` and `organisation` are required.
 * @throws {@link ValidationError} (source `client`) at once when an option is invalid, naming it.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import { createRedisLimiter } from 'pixii-rx/redis'
 * // Every worker of acme runs this against the same Redis (here none answers, on port 1).
 * const limiter = createRedisLimiter({ redis: 'redis://127.0.0.1:1', organisation: 'acme' })
 * const pixii = createPixiiClient({ apiKey: 'pk_test_abc', limiter })
 * console.log(pixii.limiter === limiter, limiter.state().redis.reachable)
 * await limiter.close()
 * // Output: true false
 * ```
 */
export function createRedisLimiter(options: RedisLimiterOptions): RedisSubmissionLimiter {
  const settings = checkRedisLimiterOptions(options)
  const { scheduler, limits } = settings
  const prefix = `pixii-rx:limiter:{${settings.organisation}}`
  const keys = ['minute', 'day', 'minute:phantom', 'day:phantom', 'held', 'meta'].map((name) => `${prefix}:${name}`)
  const channel = `${prefix}:changed`
  const commonArgs = (now: number) => [now, limits.perMinute, limits.perDay, settings.minuteMs, settings.dayMs, channel]
  const worker = randomUUID()
  let nextId = 0

  const queue = new WaitQueue(() => pump())
  const outbox: Settlement[] = []
  const observers = new Set<Subscriber<RedisLimiterState>>()
  let shared: Shared | undefined
  let shown = ''
  let busy = false
  // Ask Redis again (a reserve for the head of the queue, or the state for observers).
  let wake = true
  let stale = true
  // The id of the reserve in progress: retried with the same id, so that a reserve whose answer
  // was lost is not taken twice. `granted` is handed to the waiter that starts.
  let reserving: string | undefined
  let granted: string | undefined
  let timer: { readonly at: number; readonly subscription: Subscription } | undefined
  let closing: (() => void) | undefined
  let closed: Promise<void> | undefined

  const link = openRedisLink(settings.redis, channel, scheduler, settings.answerTimeoutMs, {
    // Told at once, not by pump: a command sent just before the connection dropped is kept by the
    // client for the next connection (it waits through outages), so pump stays busy with it until
    // Redis is back, and would publish nothing meanwhile.
    onConnection: () => {
      publish()
      pump()
    },
    onChange: () => {
      wake = true
      stale = true
      pump()
    },
  })

  const state = (): RedisLimiterState => {
    const s = shared
    // Until Redis has answered once, nothing is known of the windows: none is shown as open.
    const connected = link.connection()
    const connection = s === undefined && connected.reachable ? { reachable: false, message: 'waiting for the first answer from Redis: submissions wait', since: connected.since } : connected
    return {
      at: s?.now ?? scheduler.now(),
      minute: { limit: s?.minuteLimit ?? limits.perMinute, left: s?.minuteLeft ?? 0, nextRefillAt: s === undefined ? undefined : orNone(s.minuteNextRefillAt) },
      day: { limit: s?.dayLimit ?? limits.perDay, left: s?.dayLeft ?? 0, nextRefillAt: s === undefined ? undefined : orNone(s.dayNextRefillAt) },
      pausedUntil: s === undefined ? undefined : orNone(s.pausedUntil),
      nextSubmissionAt: s === undefined || !connection.reachable ? undefined : orNone(s.nextSubmissionAt),
      queued: queue.size,
      inFlight: s?.held ?? 0,
      redis: connection,
    }
  }
  const publish = (): void => {
    if (observers.size === 0) return
    const current = state()
    const { at: _at, ...rest } = current
    const key = JSON.stringify(rest)
    if (key === shown) return
    shown = key
    for (const observer of observers) observer.next(current)
  }

  const remember = (answer: unknown): Shared => {
    const values = (answer as unknown[]).map(Number)
    shared = Object.fromEntries(STATE_FIELDS.map((name, at) => [name, values[at] ?? -1])) as Shared
    return shared
  }

  // One timer at most: for the head of the queue when Redis said when, or for what observers see.
  const plan = (): void => {
    const s = shared
    const forQueue = queue.size > 0 && s !== undefined && !wake ? (orNone(s.nextSubmissionAt) ?? orNone(s.nextLeaseEndAt)) : undefined
    const forObservers = observers.size > 0 && s !== undefined ? sooner(orNone(s.minuteNextRefillAt), orNone(s.dayNextRefillAt), orNone(s.pausedUntil), orNone(s.nextLeaseEndAt)) : undefined
    const at = sooner(forQueue, forObservers)
    if (timer?.at === at) return
    timer?.subscription.unsubscribe()
    timer = undefined
    if (at === undefined || closed !== undefined) return
    const subscription = scheduler.schedule(() => {
      timer = undefined
      wake = true
      stale = true
      pump()
    }, Math.max(0, at - scheduler.now()))
    timer = { at, subscription }
  }

  // The next command to send, in order: what we owe Redis first, then a token for the queue.
  const nextCommand = (): (() => Promise<void>) | undefined => {
    const owed = outbox[0]
    if (owed !== undefined) {
      return async () => {
        remember(await link.send(() => runScript(link.client, settleScript, keys, [...commonArgs(owed.at), owed.id, owed.verdict, ...owed.args])))
        outbox.shift()
      }
    }
    if (closing !== undefined) return undefined
    if (queue.size > 0 && (wake || reserving !== undefined)) {
      wake = false
      stale = false
      const id = reserving ?? `${worker}:${nextId++}`
      reserving = id
      return async () => {
        const answer = remember(await link.send(() => runScript(link.client, reserveScript, keys, [...commonArgs(scheduler.now()), id, settings.holdMs])))
        reserving = undefined
        if (answer.granted !== 1) return
        granted = id
        queue.admit(() => granted !== undefined)
        // The waiter left while its token was taken: the token goes back.
        if (granted !== undefined) outbox.push({ id, at: scheduler.now(), verdict: 'returned', args: [0, '', '', '', ''] })
        granted = undefined
        wake = true
      }
    }
    if (stale && observers.size > 0) {
      stale = false
      return async () => {
        remember(await link.send(() => runScript(link.client, stateScript, keys, commonArgs(scheduler.now()))))
      }
    }
    return undefined
  }

  function pump(): void {
    if (closed !== undefined && closing === undefined) return
    // A command in flight pumps again when answered.
    if (busy) return
    const command = nextCommand()
    if (command === undefined) {
      plan()
      publish()
      if (closing !== undefined) closing()
      return
    }
    busy = true
    command().then(
      () => {
        busy = false
        pump()
      },
      (error: unknown) => {
        busy = false
        link.failed(error)
        publish()
        // While closing, what cannot be sent is left to the leases; once closed, nothing is retried.
        if (closing !== undefined) return closing()
        if (closed !== undefined) return
        scheduler.schedule(() => {
          wake = true
          stale = true
          pump()
        }, RETRY_MS)
      },
    )
  }

  const withToken$ = <T>(work: (token: LimiterToken) => Observable<T>, options: { readonly front?: boolean } = {}): Observable<T> =>
    new Observable<T>((subscriber) => {
      let phase: 'queued' | 'held' | 'settled' = 'queued'
      let id = ''
      const settle = (verdict: Settlement['verdict'], args: Settlement['args']): void => {
        if (phase !== 'held') return
        phase = 'settled'
        outbox.push({ id, at: scheduler.now(), verdict, args })
        pump()
      }
      const token: LimiterToken = {
        spent: (headers) => {
          const minute = headers === undefined ? undefined : rateLimitHeaders(headers, 'Minute')
          const day = headers === undefined ? undefined : rateLimitHeaders(headers, 'Day')
          settle('spent', [0, header(minute?.limit), header(minute?.remaining), header(day?.limit), header(day?.remaining)])
        },
        returned: () => settle('returned', [0, '', '', '', '']),
        rateLimited: (retryAfterMs) => settle('rateLimited', [retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : DEFAULT_PAUSE_MS, '', '', '', '']),
      }
      const start = (): void => {
        id = granted as string
        granted = undefined
        phase = 'held'
        subscriber.add(work(token).subscribe(subscriber))
      }
      queue.join(subscriber, start, options.front === true)
      wake = true
      pump()
      return () => {
        // Ended without a verdict (unsubscribed in flight): the server may have counted it.
        if (phase === 'held') token.spent()
      }
    })

  return {
    state$: new Observable<RedisLimiterState>((subscriber) => {
      observers.add(subscriber)
      const current = state()
      const { at: _at, ...rest } = current
      shown = JSON.stringify(rest)
      subscriber.next(current)
      stale = true
      pump()
      return () => {
        observers.delete(subscriber)
        plan()
      }
    }),
    state,
    withToken$,
    close: () =>
      (closed ??= (async () => {
        // What this worker owes Redis is sent first, if Redis answers; if it does not, the
        // leases settle it (as spent) and nothing waits for a Redis that may never come back.
        if (link.connection().reachable) {
          await new Promise<void>((resolve) => {
            closing = resolve
            pump()
          })
        }
        closing = undefined
        timer?.subscription.unsubscribe()
        for (const observer of observers) observer.complete()
        await link.close()
      })()),
  }
}
