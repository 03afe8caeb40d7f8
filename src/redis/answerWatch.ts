import type { SchedulerLike, Subscription } from 'rxjs'
import type { Redis } from 'ioredis'

/**
 * Watches the commands sent on one Redis connection. A Redis that stops answering without
 * closing the connection (stopped with SIGSTOP, a network partition) is otherwise noticed only
 * by TCP keepalive, minutes later: here a command unanswered for `timeoutMs` makes the watch
 * `silent` at once. Commands are never failed for it: they wait, and the first answer that comes
 * back (Redis resumed, or the connection was made again) ends the silence.
 */
export interface AnswerWatch {
  /** Sends `command` and tracks it until it is answered (a reply or a Redis error). */
  send<T>(command: () => Promise<T>): Promise<T>
  /** True while a command has waited longer than `timeoutMs` and no answer has come since. */
  silent(): boolean
  readonly timeoutMs: number
  /** Calls `listener` when `silent()` changes; returns how to stop. */
  onChange(listener: () => void): () => void
}

// One watch per connection: a store and the limiter it creates share their connection, and so
// what is heard of it.
const watches = new WeakMap<Redis, AnswerWatch>()

/** The watch of `client`, made on first use with `scheduler` and `timeoutMs`. */
export function answerWatchOf(client: Redis, scheduler: SchedulerLike, timeoutMs: number): AnswerWatch {
  const known = watches.get(client)
  if (known !== undefined) return known
  const sentAt = new Map<number, number>()
  const listeners = new Set<() => void>()
  let next = 0
  let quiet = false
  let timer: Subscription | undefined

  const setSilent = (value: boolean): void => {
    if (quiet === value) return
    quiet = value
    for (const listener of [...listeners]) listener()
  }
  // One timer at most, for the oldest command still unanswered.
  const arm = (): void => {
    timer?.unsubscribe()
    timer = undefined
    if (quiet || sentAt.size === 0) return
    const oldest = Math.min(...sentAt.values())
    timer = scheduler.schedule(() => {
      timer = undefined
      const waited = scheduler.now() - Math.min(...sentAt.values())
      if (sentAt.size > 0 && waited >= timeoutMs) setSilent(true)
      else arm()
    }, Math.max(0, oldest + timeoutMs - scheduler.now()))
  }
  const answered = (id: number): void => {
    sentAt.delete(id)
    setSilent(false)
    arm()
  }

  const watch: AnswerWatch = {
    timeoutMs,
    silent: () => quiet,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async send(command) {
      const id = next++
      sentAt.set(id, scheduler.now())
      if (timer === undefined) arm()
      try {
        const result = await command()
        answered(id)
        return result
      } catch (error) {
        // A reply that is an error is still an answer; a connection given up on is not one.
        if (isReply(error)) answered(id)
        else {
          sentAt.delete(id)
          arm()
        }
        throw error
      }
    },
  }
  watches.set(client, watch)
  return watch
}

// ioredis rejects with a ReplyError for what Redis answered (NOSCRIPT, WRONGTYPE…).
const isReply = (error: unknown): boolean => error instanceof Error && error.name === 'ReplyError'
