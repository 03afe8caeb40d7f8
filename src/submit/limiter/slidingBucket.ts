import type { LimiterWindowState } from './LimiterState.js'

/** A token out of the bucket: it comes back at `refillAt`. `phantom` ones were spent by others. */
interface Spent {
  readonly refillAt: number
  readonly phantom: boolean
}

/**
 * One window of the submission limiter. It mirrors the server's sliding window: at most `limit`
 * submissions in any `periodMs`, so a token spent at `t` comes back at `t + periodMs`. This is
 * not a continuous refill: that would let an 11th submission through 6 s after a burst of 10,
 * which the server refuses.
 */
export interface SlidingBucket {
  /** Tokens left at `now` (may be negative after a correction). */
  left(now: number): number
  /** When at least one token will be left, or `undefined` if that waits on answers in flight. */
  readyAt(now: number): number | undefined
  /** The next instant a spent token comes back, if any is out. */
  nextRefillAt(now: number): number | undefined
  /** A submission takes a token and goes out. */
  hold(): void
  /** Its token comes back at once: the server provably did not count it. */
  release(): void
  /** Its token was spent at `now`, the time of the answer, never earlier than the server counted it. */
  spend(now: number): void
  /** A submission made earlier (by a previous run, as a journal recorded it) at `at`: its token comes back one period later. */
  spentBefore(at: number, now: number): void
  /** Learns from `X-RateLimit-Limit-*` and `X-RateLimit-Remaining-*` of an answer given at `now`. */
  correct(now: number, serverLimit: number | undefined, remaining: number | undefined): void
  state(now: number): LimiterWindowState
}

/** Creates a full bucket of `limit` tokens for a window of `periodMs`. */
export function slidingBucket(limit: number, periodMs: number): SlidingBucket {
  let serverLimit = Number.POSITIVE_INFINITY
  let held = 0
  // Sorted by refillAt: entries are added at the current time plus one period, and time only grows.
  let spent: Spent[] = []

  const prune = (now: number): void => {
    let expired = 0
    while (expired < spent.length && (spent[expired] as Spent).refillAt <= now) expired += 1
    if (expired > 0) spent = spent.slice(expired)
  }
  const effectiveLimit = (): number => Math.min(limit, serverLimit)
  const left = (now: number): number => {
    prune(now)
    return effectiveLimit() - held - spent.length
  }
  const add = (entry: Spent): void => {
    let at = spent.length
    while (at > 0 && (spent[at - 1] as Spent).refillAt > entry.refillAt) at -= 1
    spent.splice(at, 0, entry)
  }

  return {
    left,
    readyAt(now) {
      const needed = 1 - left(now)
      if (needed <= 0) return now
      return spent[needed - 1]?.refillAt
    },
    nextRefillAt(now) {
      prune(now)
      return spent[0]?.refillAt
    },
    hold() {
      held += 1
    },
    release() {
      held -= 1
    },
    spend(now) {
      held -= 1
      add({ refillAt: now + periodMs, phantom: false })
    },
    spentBefore(at, now) {
      if (at + periodMs > now) add({ refillAt: at + periodMs, phantom: false })
    },
    correct(now, limitHeader, remaining) {
      if (limitHeader !== undefined) serverLimit = limitHeader
      if (remaining === undefined) return
      prune(now)
      const ours = spent.filter((entry) => !entry.phantom).length
      const phantoms = spent.length - ours
      // What others (other processes on the same key) must have spent, at least: assume every
      // submission of ours still in flight was already counted. At most: assume none was.
      const atLeast = Math.max(0, effectiveLimit() - ours - remaining - held)
      const atMost = Math.max(0, effectiveLimit() - ours - remaining)
      // Unknown to us when they were spent: they come back one period from now, at the latest.
      for (let n = phantoms; n < atLeast; n += 1) add({ refillAt: now + periodMs, phantom: true })
      let extra = phantoms - atMost
      for (let at = spent.length - 1; at >= 0 && extra > 0; at -= 1) {
        if (!(spent[at] as Spent).phantom) continue
        spent.splice(at, 1)
        extra -= 1
      }
    },
    state(now) {
      return { limit: effectiveLimit(), left: Math.max(0, left(now)), nextRefillAt: spent[0]?.refillAt }
    },
  }
}
