import type { Job } from '../codecs/Job.js'
import type { AnswerTiming } from './PollSchedule.js'

/** A `Date` header counts whole seconds: the server's time was in [date, date + 1 s). */
const DATE_RESOLUTION_MS = 1_000
/** Evidence that contradicts the bounds by more than this is a jump of the client's clock, not noise. */
const JUMP_TOLERANCE_MS = 2_000
/** The status (rank) and request time of each job's last answer, for the bound a transition gives. */
const REMEMBERED_JOBS = 10_000

const rankOf = { pending: 0, processing: 1, completed: 2, failed: 2 } as const

/**
 * An estimate of Pixii's clock minus the client's (the scheduler's), kept as bounds that only
 * narrow as answers arrive, so that a schedule compares job timestamps with the server's time
 * and not with a client clock that may be minutes off.
 *
 * Every answer bounds the offset: the server wrote it at some client time between `requestedAt`
 * and `answeredAt`, so its `Date` header (whole seconds) gives `[date − answeredAt, date + 1 s −
 * requestedAt]`; a timestamp in the job (`created_at`, `started_at`, `completed_at`) cannot be
 * later than the server's time then, a lower bound at millisecond resolution; and a transition
 * that an earlier answer had not yet seen happened after that answer's request, an upper bound.
 * Evidence that contradicts the bounds by more than two seconds means the client's clock jumped
 * (a laptop waking, NTP stepping): the bounds restart from that answer.
 */
export class ServerClock {
  private low = -Infinity
  private high = Infinity
  private readonly lastSeen = new Map<string, { readonly rank: number; readonly requestedAt: number }>()

  /** Reads one answer: its timing, its `Date` header, and the job it carried, if any. */
  observe(answer: AnswerTiming, job?: Job): void {
    // The header first: a jump it reveals clears what was remembered from before the jump.
    if (answer.serverDate !== undefined) {
      this.narrow(answer.serverDate - answer.answeredAt, answer.serverDate + DATE_RESOLUTION_MS - answer.requestedAt)
    }
    if (job === undefined) return
    let low = -Infinity
    for (const stamp of [job.created_at, job.started_at, job.completed_at]) {
      const at = Date.parse(stamp ?? '')
      if (Number.isFinite(at)) low = Math.max(low, at - answer.answeredAt)
    }
    this.narrow(low, this.transitionBound(job, answer))
  }

  /** Server time minus client time in ms: the middle of the bounds, or 0 moved just inside a one-sided bound. */
  offsetMs(): number {
    if (Number.isFinite(this.low) && Number.isFinite(this.high)) return (this.low + this.high) / 2
    return Math.min(this.high, Math.max(this.low, 0))
  }

  /** A job seen at a lower status before: its new timestamp came after that answer's request. */
  private transitionBound(job: Job, answer: AnswerTiming): number {
    const rank = rankOf[job.status]
    const before = this.lastSeen.get(job.id)
    this.lastSeen.delete(job.id)
    if (rank < 2) this.lastSeen.set(job.id, { rank, requestedAt: answer.requestedAt })
    if (this.lastSeen.size > REMEMBERED_JOBS) this.lastSeen.delete(this.lastSeen.keys().next().value as string)
    if (before === undefined || rank <= before.rank) return Infinity
    const stamp = before.rank === 0 ? job.started_at : job.completed_at
    const at = Date.parse(stamp ?? '')
    return Number.isFinite(at) ? at - before.requestedAt : Infinity
  }

  private narrow(low: number, high: number): void {
    if (low > high) return // an answer that contradicts itself (timings mixed across a jump): ignored
    const conflict = Math.max(low - this.high, this.low - high)
    if (conflict > JUMP_TOLERANCE_MS) {
      // The client's clock jumped: only evidence from now on counts.
      this.low = low
      this.high = high
      this.lastSeen.clear()
    } else if (conflict > 0) {
      // Within tolerance (servers whose clocks differ slightly): the newer evidence wins.
      const edge = low > this.high ? low : high
      this.low = Math.max(low, Math.min(edge, this.low))
      this.high = Math.min(high, Math.max(edge, this.high))
    } else {
      this.low = Math.max(this.low, low)
      this.high = Math.min(this.high, high)
    }
  }
}
