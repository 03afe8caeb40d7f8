import { randomUUID } from 'node:crypto'
import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs'
import { Redis } from 'ioredis'
import type { CatalogueStore, JournalProblem, StoreContents } from '../catalogue/CatalogueStore.js'
import { JournalEntry } from '../catalogue/JournalEntry.js'
import { JournalFormatError } from '../catalogue/JournalFormatError.js'
import { invalidInput } from '../errors/invalidInput.js'
import { checkPositive } from '../errors/optionChecks.js'
import type { ValidationIssue } from '../errors/ValidationError.js'
import { answerWatchOf } from './answerWatch.js'
import { createRedisLimiter } from './createRedisLimiter.js'
import type { RedisSubmissionLimiter } from './RedisSubmissionLimiter.js'
import type { RedisStoreOptions } from './RedisStoreOptions.js'
import { runScript } from './runScript.js'
import { claimScript, releaseScript } from './storeScripts.js'

/** The version of the store's layout in Redis; a newer one is refused, as the journal's. */
export const REDIS_STORE_VERSION = 1

// Commands wait through an outage (the run pauses) instead of failing.
const ownOptions = { maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(50 * 2 ** times, 2_000), connectionName: 'pixii-rx-store' }
const NAME = /^[A-Za-z0-9._-]{1,100}$/

/** An entry as the list holds it: who wrote it, so that a worker folds in only the others'. */
interface Stored {
  readonly w: string
  readonly e: unknown
}

/**
 * A catalogue store shared through Redis by every worker that names the same `catalogue`: run
 * `runCatalogue$` (or `pixii-rx batch --store redis://…`) on several machines at once. Entries go
 * to one Redis list, each acknowledged once Redis has it (with `appendfsync always`, once it is
 * on Redis's disk): intents before each POST, job ids after, as in the embedded journal. A row
 * is worked by one worker at a time, under a lease renewed every third of `leaseMs` while the
 * worker lives; a worker killed loses its rows to the others when their leases lapse, and the
 * one that takes a row over first reads what the others recorded of it. The runs share the
 * organisation's limiter (`createRedisLimiter`). While Redis is unreachable, every step waits; a
 * Redis that keeps the connection open but stops answering counts as unreachable once a command
 * has waited `answerTimeoutMs` (the limiter's `state$`, and so the run's `limiter` events, say so).
 *
 * @param options - See {@link RedisStoreOptions}: `redis` and `catalogue` are required.
 * @throws {@link ValidationError} (source `client`) at once for a bad option. `open` rejects with
 * `JournalFormat` when the catalogue was written by a newer layout.
 *
 * @example
 * ```ts
 * import { createRedisStore } from 'pixii-rx/redis'
 * // Every worker of the catalogue runs this against the same Redis (here none answers, on port 1).
 * const store = createRedisStore({ redis: 'redis://127.0.0.1:1', catalogue: 'spring-2027', organisation: 'acme' })
 * console.log(typeof store.claim, typeof store.createLimiter)
 * await store.close()
 * // Output: function function
 * ```
 */
export function createRedisStore(options: RedisStoreOptions): CatalogueStore {
  const issues: ValidationIssue[] = []
  const given = (typeof options === 'object' && options !== null ? options : {}) as Partial<RedisStoreOptions>
  for (const name of Object.keys(given)) {
    if (!['redis', 'catalogue', 'organisation', 'windows', 'answerTimeoutMs', 'scheduler'].includes(name)) issues.push({ path: name, message: 'is not an option of createRedisStore' })
  }
  if (typeof given.catalogue !== 'string' || !NAME.test(given.catalogue)) issues.push({ path: 'catalogue', message: "expected 1 to 100 letters, digits, '.', '_' or '-'" })
  if (given.organisation !== undefined && (typeof given.organisation !== 'string' || !NAME.test(given.organisation))) {
    issues.push({ path: 'organisation', message: "expected 1 to 100 letters, digits, '.', '_' or '-'" })
  }
  const redis = given.redis
  if (typeof redis === 'string' ? !(URL.canParse(redis) && ['redis:', 'rediss:'].includes(new URL(redis).protocol)) : typeof redis?.evalsha !== 'function') {
    issues.push({ path: 'redis', message: 'expected a redis:// or rediss:// URL, or an ioredis client' })
  }
  const answerTimeoutMs = given.answerTimeoutMs ?? 5_000
  checkPositive('answerTimeoutMs', answerTimeoutMs, true, issues)
  if (issues.length > 0) throw invalidInput('Invalid createRedisStore options', issues)
  const catalogue = given.catalogue as string
  const target = redis as string | Redis
  const scheduler: SchedulerLike = given.scheduler ?? asyncScheduler
  const owned = typeof redis === 'string'
  let client: Redis | undefined
  const connection = (): Redis => (client ??= typeof target === 'string' ? new Redis(target, ownOptions) : target)
  if (owned) connection().on('error', () => {}) // reported by the limiter's state and by commands that wait
  // Every command is watched: one unanswered for answerTimeoutMs makes the limiter's state say
  // Redis is unreachable (they share the connection); the command itself waits for the answer.
  const sent = <T>(command: (redis: Redis) => Promise<T>): Promise<T> => {
    const redis = connection()
    return answerWatchOf(redis, scheduler, answerTimeoutMs).send(() => command(redis))
  }
  const prefix = `pixii-rx:catalogue:{${catalogue}}`
  const entriesKey = `${prefix}:entries`
  const leaseKey = (row: string) => `${prefix}:lease:${row}`
  const releasedChannel = `${prefix}:released`
  // Waiters for rows another worker holds, woken when it releases one (pub/sub) or its lease would lapse.
  const waiters = new Map<string, Set<() => void>>()
  let subscriber: Redis | undefined
  const wakeAll = (): void => {
    for (const set of waiters.values()) for (const wake of set) wake()
  }
  const listen = (): void => {
    if (subscriber !== undefined) return
    subscriber = connection().duplicate(ownOptions)
    subscriber.on('error', () => {})
    subscriber.on('ready', wakeAll) // messages may have been missed while it was away
    subscriber.on('message', (_channel: string, row: string) => {
      for (const wake of waiters.get(row) ?? []) wake()
    })
    // A release before the subscription took hold was missed: look again once it holds.
    subscriber.subscribe(releasedChannel).then(wakeAll, () => {})
  }
  const release = (row: string) => sent((redis) => runScript(redis, releaseScript, [leaseKey(row)], [worker, releasedChannel, row]))
  const worker = randomUUID()
  let cursor = 0
  const held = new Map<string, number>()
  let renewal: Subscription | undefined
  let limiter: RedisSubmissionLimiter | undefined
  let closed: Promise<void> | undefined

  const decode = (raw: string, index: number, problems: JournalProblem[]): Stored | undefined => {
    try {
      const stored = JSON.parse(raw) as Stored
      if (typeof stored?.w === 'string' && JournalEntry.is(stored.e)) return stored
    } catch {
      // reported below
    }
    problems.push({ where: `${entriesKey}[${index}]`, message: 'not a journal entry' })
    return undefined
  }
  // One read at a time: two claims refreshing at once must not both read from one cursor and
  // move it twice (the entries between would never be folded in, and a row sent twice).
  let reading: Promise<unknown> = Promise.resolve()
  const read = (): Promise<{ stored: Stored[]; problems: JournalProblem[] }> => {
    const next = reading.catch(() => undefined).then(async () => {
      const from = cursor
      const raws = await sent((redis) => redis.lrange(entriesKey, from, -1))
      const problems: JournalProblem[] = []
      const stored = raws.flatMap((raw, at) => decode(raw, from + at, problems) ?? [])
      cursor = from + raws.length
      return { stored, problems }
    })
    reading = next
    return next
  }

  // Every held lease is renewed each third of its length, while this worker lives.
  const renew = (): void => {
    if (renewal !== undefined || held.size === 0) return
    const every = Math.max(1, Math.floor(Math.min(...held.values()) / 3))
    renewal = scheduler.schedule(function (this: { schedule(state?: undefined, delay?: number): void }) {
      for (const [row, leaseMs] of held) void sent((redis) => runScript(redis, claimScript, [leaseKey(row)], [worker, leaseMs])).catch(() => undefined)
      if (held.size > 0) this.schedule(undefined, every)
      else renewal = undefined
    }, every)
  }
  const claim = async (row: string, leaseMs: number): Promise<{ mine: boolean; leftMs: number }> => {
    const [mine, leftMs] = (await sent((redis) => runScript(redis, claimScript, [leaseKey(row)], [worker, leaseMs]))) as [number, number]
    if (mine === 1) {
      held.set(row, leaseMs)
      renew()
    }
    return { mine: mine === 1, leftMs: Math.max(1, leftMs) }
  }

  return {
    async open(): Promise<StoreContents> {
      await sent((redis) => redis.set(`${prefix}:version`, REDIS_STORE_VERSION, 'NX'))
      const version = (await sent((redis) => redis.get(`${prefix}:version`))) ?? ''
      if (!/^\d+$/.test(version) || Number(version) > REDIS_STORE_VERSION) {
        const found = /^\d+$/.test(version) ? Number(version) : undefined
        throw new JournalFormatError({ message: `${prefix} was written by a newer pixii-rx (layout ${version}; this one reads ${REDIS_STORE_VERSION}): nothing was changed`, journal: prefix, ...(found === undefined ? {} : { found }), supported: REDIS_STORE_VERSION })
      }
      cursor = 0
      const { stored, problems } = await read()
      return { entries: stored.map((s) => s.e as JournalEntry), problems }
    },
    async append(entry) {
      await sent((redis) => redis.rpush(entriesKey, JSON.stringify({ w: worker, e: entry })))
    },
    async refresh() {
      const { stored } = await read()
      return stored.filter((s) => s.w !== worker).map((s) => s.e as JournalEntry)
    },
    claim: async (row, leaseMs) => (await claim(row, leaseMs)).mine,
    async claimWhenFree(row, leaseMs) {
      listen()
      // Wakes when the holder releases the row, or when its lease would lapse (it is renewed while the holder lives).
      for (;;) {
        if (closed !== undefined) return false
        const woken = new Promise<void>((resolve) => {
          const set = waiters.get(row) ?? new Set()
          waiters.set(row, set)
          set.add(resolve)
        })
        const { mine, leftMs } = await claim(row, leaseMs)
        if (!mine) {
          const timer = scheduler.schedule(() => wakeAll(), leftMs)
          await woken
          timer.unsubscribe()
        }
        waiters.get(row)?.clear()
        waiters.delete(row)
        if (mine) return true
      }
    },
    async release(row) {
      held.delete(row)
      await release(row)
    },
    createLimiter(limits, limiterScheduler) {
      limiter ??= createRedisLimiter({
        redis: connection(),
        organisation: given.organisation ?? catalogue,
        limits,
        scheduler: limiterScheduler,
        answerTimeoutMs,
        ...(given.windows === undefined ? {} : { windows: given.windows }),
      })
      return limiter
    },
    close: () =>
      (closed ??= (async () => {
        renewal?.unsubscribe()
        renewal = undefined
        const rows = [...held.keys()]
        held.clear()
        if (client?.status === 'ready') await Promise.all(rows.map((row) => release(row).catch(() => undefined)))
        wakeAll()
        subscriber?.disconnect()
        await limiter?.close()
        if (owned && client !== undefined) {
          if (client.status === 'ready') await client.quit().catch(() => client?.disconnect())
          else client.disconnect()
        }
      })()),
  }
}
