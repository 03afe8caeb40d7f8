import type { SchedulerLike } from 'rxjs'
import type { CatalogueEvent } from '../../catalogue/CatalogueEvent.js'
import type { LimiterState } from '../../submit/limiter/LimiterState.js'
import type { CliOutput } from '../CliIo.js'
import { fitToWidth } from './fitToWidth.js'
import { liveFrame } from './liveFrame.js'

/** What `pixii-rx batch` counts as it goes. */
export interface CatalogueTally {
  /** Rows in the file that check out. */
  readonly rows: number
  done: number
  failed: number
  running: number
  problems: number
  deferred: number
  skipped: number
  charged: number
  refunded: number
  limiter: LimiterState | undefined
  waitingUntil: number | undefined
}

const DAY_MS = 24 * 60 * 60 * 1000
const clock = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19)

/**
 * When the rows not submitted yet should be through, at the limiter's pace: the day's tokens left
 * at the minute rate, then a full day's budget each day. An estimate, shown with "about".
 */
export function estimateFinish(waiting: number, state: LimiterState | undefined, now: number): number | undefined {
  if (state === undefined) return undefined
  if (waiting <= 0) return now
  const perMinute = Math.max(1, state.minute.limit)
  const today = Math.max(0, state.day.left)
  if (waiting <= today) return now + (waiting / perMinute) * 60_000
  const days = Math.ceil((waiting - today) / Math.max(1, state.day.limit))
  const start = state.day.nextRefillAt ?? now
  return start + (days - 1) * DAY_MS + (Math.min(waiting - today, state.day.limit) / perMinute) * 60_000
}

/** The block of lines of a batch run on a terminal. */
export function formatTally(tally: CatalogueTally, now: number): string[] {
  const waiting = Math.max(0, tally.rows - tally.done - tally.failed - tally.running - tally.problems - tally.deferred - tally.skipped)
  const lines = [
    `rows ${tally.rows}: ${tally.done + tally.skipped} done, ${tally.running} running, ${waiting} waiting, ${tally.failed} failed${tally.problems > 0 ? `, ${tally.problems} left for a later run` : ''}${tally.deferred > 0 ? `, ${tally.deferred} deferred` : ''}`,
    `credits: ${tally.charged} charged, ${tally.refunded} refunded`,
  ]
  const state = tally.limiter
  if (state !== undefined) {
    // A limiter shared through Redis says when Redis is gone or silent: the run is paused, not submitting.
    const redis = (state as { readonly redis?: { readonly reachable: boolean; readonly message?: string | undefined } }).redis
    const paused = redis !== undefined && !redis.reachable
    const next = paused ? 'paused' : state.queued > 0 && state.nextSubmissionAt !== undefined ? `next submission ${clock(state.nextSubmissionAt)}` : 'submitting'
    lines.push(`limits: ${state.minute.left}/${state.minute.limit} this minute, ${state.day.left}/${state.day.limit} today; ${next}`)
    if (paused) lines.push(redis.message ?? 'Redis unreachable: submissions paused until it answers')
    const eta = estimateFinish(waiting, state, now)
    if (eta !== undefined && waiting > 0 && !paused) lines.push(`about done by ${clock(eta)}`)
  }
  if (tally.waitingUntil !== undefined && tally.waitingUntil > now) lines.push(`the day's budget is spent: going on at ${clock(tally.waitingUntil)}`)
  return lines
}

/** Counts an event into the tally. */
export function countEvent(tally: CatalogueTally, event: CatalogueEvent): void {
  switch (event.kind) {
    case 'accepted':
      tally.running += 1
      break
    case 'finished': {
      const { result } = event
      if (result.jobId !== null && tally.running > 0) tally.running -= 1
      if (result.status === 'completed') tally.done += 1
      else tally.failed += 1
      tally.charged += result.credits.charged
      tally.refunded += result.credits.refunded
      break
    }
    case 'problem':
      if (event.jobId !== null && tally.running > 0) tally.running -= 1
      tally.problems += 1
      break
    case 'deferred':
      tally.deferred += 1
      break
    case 'skipped':
      tally.skipped += 1
      break
    case 'limiter':
      tally.limiter = event.state
      break
    case 'waiting':
      tally.waitingUntil = event.until
      break
    default:
      break
  }
}

/** A live block on a terminal, redrawn every half second and on each event; lines fit its width. */
export function catalogueDisplay(stream: CliOutput, scheduler: SchedulerLike, tally: CatalogueTally): { update(): void; end(lines: readonly string[]): void } {
  const frame = liveFrame(stream, scheduler, 500, ({ width }) => formatTally(tally, scheduler.now()).map((line) => fitToWidth(line, width)))
  return {
    update: () => frame.redraw(),
    end(lines) {
      frame.stop()
      stream.write(`${lines.join('\n')}\n`)
    },
  }
}
