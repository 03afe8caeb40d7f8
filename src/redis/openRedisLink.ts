import type { SchedulerLike } from 'rxjs'
import { Redis } from 'ioredis'
import { answerWatchOf } from './answerWatch.js'
import type { RedisConnection } from './RedisLimiterState.js'

/** The connections of one limiter, and what it hears from them. */
export interface RedisLink {
  /** Runs the scripts. */
  readonly client: Redis
  /** Sends a command on `client`, watched: unanswered for the answer timeout, Redis is unreachable until it answers. */
  send<T>(command: () => Promise<T>): Promise<T>
  /** The connection state now. */
  connection(): RedisConnection
  /** Marks Redis unreachable after a command failed, with why. */
  failed(error: unknown): void
  /** Closes what the link opened (and only that), once pending commands are answered. */
  close(): Promise<void>
}

/** What a link tells its owner. */
export interface RedisLinkEvents {
  /** The connection state changed (reachable or not). */
  readonly onConnection: () => void
  /** Some worker changed the shared state, or the subscription was (re)made: look again. */
  readonly onChange: () => void
}

// Commands wait through an outage (no retry limit) instead of failing; reconnection backs off to 2 s.
const ownOptions = { maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(50 * 2 ** times, 2_000), connectionName: 'pixii-rx-limiter' }

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Opens the limiter's connections: `redis` itself or a client of its URL for the scripts, and a
 * duplicate subscribed to `channel` (a subscribed connection can run nothing else). `scheduler`
 * stamps the connection state and times the answers: a command unanswered for `answerTimeoutMs`
 * makes Redis unreachable until an answer comes.
 */
export function openRedisLink(redis: string | Redis, channel: string, scheduler: SchedulerLike, answerTimeoutMs: number, events: RedisLinkEvents): RedisLink {
  const now = (): number => scheduler.now()
  const owned = typeof redis === 'string'
  const client = typeof redis === 'string' ? new Redis(redis, ownOptions) : redis
  const watch = answerWatchOf(client, scheduler, answerTimeoutMs)
  const subscriber = client.duplicate(ownOptions)
  const where = `Redis at ${client.options.host ?? '127.0.0.1'}:${client.options.port ?? 6379}`
  let state: RedisConnection = client.status === 'ready'
    ? { reachable: true, message: undefined, since: now() }
    : { reachable: false, message: `connecting to ${where}: submissions wait until it answers`, since: now() }
  let lastError: string | undefined

  const silence = `no answer in ${watch.timeoutMs} ms: stopped, overloaded or cut off`
  const become = (connected: boolean, why?: string): void => {
    // A connection that is open but unanswered is no better than none.
    const reachable = connected && !watch.silent()
    const reason = connected ? silence : (why ?? lastError ?? 'connection closed')
    const message = reachable ? undefined : `${where} unreachable (${reason}): submissions paused until it answers`
    if (state.reachable === reachable && state.message === message) return
    state = { reachable, message, since: now() }
    events.onConnection()
  }
  const listeners = {
    ready: () => {
      lastError = undefined
      become(true)
      events.onChange()
    },
    error: (error: unknown) => {
      lastError = describe(error)
      if (client.status !== 'ready') become(false)
    },
    close: () => become(false),
  }
  client.on('ready', listeners.ready)
  client.on('error', listeners.error)
  client.on('close', listeners.close)
  // Its errors are the client's too; without a listener ioredis would print them.
  subscriber.on('error', () => {})
  subscriber.on('ready', events.onChange)
  subscriber.on('message', events.onChange)
  subscriber.subscribe(channel).catch(() => {})
  const stopWatching = watch.onChange(() => {
    if (client.status === 'ready') become(true)
    else become(false)
  })

  return {
    client,
    send: (command) => watch.send(command),
    connection: () => state,
    failed: (error) => {
      lastError = describe(error)
      become(false, lastError)
    },
    close: async () => {
      client.off('ready', listeners.ready)
      client.off('error', listeners.error)
      client.off('close', listeners.close)
      stopWatching()
      await Promise.all([quit(subscriber), owned ? quit(client) : Promise.resolve()])
    },
  }
}

// QUIT waits for Redis; a connection that is down is simply dropped.
async function quit(connection: Redis): Promise<void> {
  if (connection.status === 'ready') {
    await connection.quit().catch(() => connection.disconnect())
  } else {
    connection.disconnect()
  }
}
