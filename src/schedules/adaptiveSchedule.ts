import type { Job } from '../codecs/Job.js'
import { ValidationError } from '../errors/ValidationError.js'
import { DurationSamples } from './DurationSamples.js'
import type { JobEstimate } from './JobEstimate.js'
import type { PollContext, PollSchedule } from './PollSchedule.js'
import { quickFirstDelayMs } from './quickFirstSchedule.js'
import { estimateEnd } from './estimateEnd.js'
import { ServerClock } from './ServerClock.js'
import { SurvivalSamples } from './SurvivalSamples.js'

/**
 * What an {@link AdaptiveSchedule} has learned, per key kind and `job_type` (keys such as
 * `live:Scale`): queue and processing times in ms.
 *
 * @example
 * ```ts
 * import { adaptiveSchedule } from 'pixii-rx'
 * import { type AdaptiveState } from 'pixii-rx/advanced'
 * const state: AdaptiveState = { version: 1, jobTypes: { 'live:Scale': { queueMs: [4_000], processingMs: [95_000, 120_000] } } }
 * console.log(adaptiveSchedule({ state }).exportState().jobTypes['live:Scale']?.processingMs.length)
 * // Output: 2
 * ```
 */
export interface AdaptiveState {
  readonly version: 1
  readonly jobTypes: Readonly<Record<string, { readonly queueMs: readonly number[]; readonly processingMs: readonly number[] }>>
}

/**
 * Configuration of {@link adaptiveSchedule}; every field has a default.
 *
 * @example
 * ```ts
 * import { adaptiveSchedule } from 'pixii-rx'
 * import { type AdaptiveScheduleConfig } from 'pixii-rx/advanced'
 * // Jobs here take 20 s to 40 s, not the one to three minutes of the default prior.
 * const fast: AdaptiveScheduleConfig = { prior: { queueMs: [0, 5_000], processingMs: [20_000, 30_000, 40_000] }, maxDelayMs: 10_000 }
 * adaptiveSchedule(fast)
 * ```
 */
export interface AdaptiveScheduleConfig {
  /**
   * Waits for test-key jobs (done in under a second), then the last one repeats. Default 250, 250,
   * 500, 1000, 2000, 5000. Once 20 test-key jobs of a `job_type` are known, the first wait is
   * instead as long as the stretch holding a share `coverage` of their processing times reaches.
   */
  readonly testKeyDelaysMs?: readonly number[]
  /** The step inside the window where completion is likely. Default 4700 (fixed 5 s polling's p95 latency is about 4.75 s). */
  readonly windowStepMs?: number
  /**
   * The share of jobs whose end falls in the window polled every `windowStepMs`, once 20 jobs of a
   * kind are known (the window is the cheapest stretch of the learned processing times that holds
   * this share). Default 0.95.
   */
  readonly coverage?: number
  /**
   * How far the prior is trusted before evidence: until 20 jobs of a kind have finished, a
   * processing job is polled densely from the prior's shortest time divided by this (or from
   * just under the shortest time seen, if shorter), and with no sparse tail. Default 3: a prior
   * three times too slow or too fast costs requests, not latency.
   */
  readonly priorDoubt?: number
  /**
   * The longest wait while a job is queued, so that `processing` shows soon enough. Default
   * 30 000. A queued job whose window starts within it is polled again one step into the window,
   * counted from when it likely starts (the median of the queue times left, at most a step later),
   * with no poll before to anchor it on its start. At 120 000 that holds for two-minute jobs too,
   * which saves a few requests (see docs/benchmarks.md) but shows `processing` late.
   */
  readonly pendingMaxMs?: number
  /** How fast the step grows past the window: a share of the time overdue. Default 0.1. */
  readonly tailGrowth?: number
  /** The longest wait. Default 60 000. */
  readonly maxDelayMs?: number
  /** What is assumed before evidence: processing from one to three minutes, queued up to 30 s. Only its shortest processing time (divided by `priorDoubt`) and its queue times (when to look for `processing`) are used, until 20 jobs of a kind are known. */
  readonly prior?: { readonly queueMs: readonly number[]; readonly processingMs: readonly number[] }
  /** State exported earlier by `exportState()`. */
  readonly state?: AdaptiveState
}

/**
 * A schedule that learns; its state can be exported and restored.
 *
 * @example
 * ```ts
 * import { adaptiveSchedule, createPixiiClient } from 'pixii-rx'
 * import { type AdaptiveSchedule } from 'pixii-rx/advanced'
 * const schedule: AdaptiveSchedule = adaptiveSchedule()
 * createPixiiClient({ apiKey: 'pk_test_abc', schedule })
 * // Later: save what it learned, to start the next process from it.
 * const saved = JSON.stringify(schedule.exportState())
 * const restored = adaptiveSchedule({ state: JSON.parse(saved) })
 * console.log(restored.exportState().version)
 * // Output: 1
 * ```
 */
export interface AdaptiveSchedule extends PollSchedule {
  /**
   * Reads one answer: the answer's timing and `Date` header refine the estimate of Pixii's clock
   * against the client's, and a finished job's queue and processing times are learned (test-key
   * and live jobs apart).
   */
  observe(job: Job, context: Pick<PollContext, 'keyKind' | 'answer'> & Partial<Pick<PollContext, 'now'>>): void
  /** When the job in `context` will likely finish (see {@link JobEstimate}); no request is made. */
  estimate(context: Pick<PollContext, 'job' | 'keyKind' | 'now'>): JobEstimate
  /** Pixii's clock minus the client's scheduler clock, in ms, as estimated from the answers so far (0 before any). */
  clockOffsetMs(): number
  /** What has been learned, as plain JSON, for `adaptiveSchedule({ state })`. */
  exportState(): AdaptiveState
}


const defaults = {
  testKeyDelaysMs: [250, 250, 500, 1_000, 2_000, 5_000],
  windowStepMs: 4_700,
  coverage: 0.95,
  priorDoubt: 3,
  pendingMaxMs: 30_000,
  tailGrowth: 0.1,
  maxDelayMs: 60_000,
  prior: { queueMs: [0, 5_000, 10_000, 20_000, 30_000], processingMs: [60_000, 90_000, 120_000, 150_000, 180_000] },
} as const

/** Samples of a kind from which on the prior no longer counts. */
const TRUST_AFTER = 20

function checkConfig(settings: Required<Omit<AdaptiveScheduleConfig, 'state'>>): void {
  const { windowStepMs, coverage, priorDoubt, pendingMaxMs, tailGrowth, maxDelayMs, testKeyDelaysMs, prior } = settings
  const valid =
    windowStepMs > 0 && coverage > 0 && coverage < 1 && priorDoubt >= 1 && pendingMaxMs > 0 && tailGrowth >= 0 && maxDelayMs > 0 &&
    testKeyDelaysMs.length > 0 && prior.processingMs.length > 0 && prior.queueMs.length > 0
  if (valid) return
  const message = 'adaptiveSchedule: expected windowStepMs, pendingMaxMs, maxDelayMs > 0, 0 < coverage < 1, priorDoubt ≥ 1, tailGrowth ≥ 0, non-empty testKeyDelaysMs and prior'
  throw new ValidationError({ message, source: 'client', issues: [{ path: '', message }] })
}

/**
 * The default schedule: it uses what the client knows. Test-key jobs are polled quickly (once
 * 20 of a type are known, first when nearly all of them had ended). A live job is polled once
 * while it is likely still queued; then, anchored on its own `started_at`, not again until one
 * step into the stretch where a share `coverage` of the jobs of its `job_type` ended (the first
 * poll that sees an end there within a step), densely (every `windowStepMs`) through it, and
 * with a step that grows gently for the slow tail. It never sleeps longer than its evidence
 * allows: until 20 jobs of a kind are known it trusts its prior only within a factor
 * `priorDoubt` and keeps polling densely past it. Every comparison with a job's timestamps is made on Pixii's clock, estimated from the
 * answers (`Date` headers and the jobs' own timestamps), so a client clock minutes off, or
 * jumping, changes nothing. `Retry-After` still overrides it. One instance belongs to one client:
 * it learns from every job the client watches.
 *
 * @param config - How it polls and what it starts from; every field has a default (see {@link AdaptiveScheduleConfig}).
 * @throws {@link ValidationError} (source `client`) at once when a coverage, step or delay is out of range.
 *
 * @example
 * ```ts
 * import { adaptiveSchedule, createPixiiClient } from 'pixii-rx'
 * const state = { version: 1, jobTypes: { 'live:Scale': { queueMs: Array(20).fill(5_000), processingMs: Array.from({ length: 20 }, (_, n) => 90_000 + n * 3_000) } } } as const
 * const schedule = adaptiveSchedule({ state })
 * const pixii = createPixiiClient({ apiKey: 'pk_live_example', schedule })
 * const started = Date.parse('2026-01-01T00:00:30Z')
 * const job = {
 *   id: 'job_1', job_type: 'Scale', status: 'processing', created_at: '2026-01-01T00:00:00Z',
 *   started_at: '2026-01-01T00:00:30Z', completed_at: null, credit_cost: 10, credits_refunded: 0, output: null, error_code: null,
 * } as const
 * // Seen processing 1 s after it started: 20 Scale jobs took 90 s or more, so ends are likely from
 * // 85.7 s of processing on (90 s × 20/21); it comes back one step (4.7 s) after that, the first
 * // poll that sees such an end within a step.
 * console.log(schedule.nextDelayMs({ attempt: 2, elapsedMs: 31_000, job, keyKind: pixii.keyKind, now: started + 1_000 }))
 * // Output: 89414
 * // And it can say when the job will likely end: the median of what it learned, just under 2 minutes after the start.
 * const estimate = schedule.estimate({ job, keyKind: pixii.keyKind, now: started + 1_000 })
 * console.log(estimate.kind === 'estimate' ? Math.round((estimate.at - started) / 1000) : estimate.reason)
 * // Output: 117
 * ```
 */
export function adaptiveSchedule(config: AdaptiveScheduleConfig = {}): AdaptiveSchedule {
  const settings = { ...defaults, ...config }
  checkConfig(settings)
  const { windowStepMs, coverage, priorDoubt, pendingMaxMs, tailGrowth, maxDelayMs, testKeyDelaysMs, prior } = settings
  const priorQueue = new DurationSamples(prior.queueMs)
  const priorShortest = Math.min(...prior.processingMs) / priorDoubt
  const learned = new Map<string, { queue: DurationSamples; processing: SurvivalSamples }>()
  for (const [jobType, saved] of Object.entries(config.state?.jobTypes ?? {})) {
    learned.set(jobType, { queue: new DurationSamples(saved.queueMs), processing: new SurvivalSamples(saved.processingMs) })
  }
  const samplesFor = (key: string) => {
    let samples = learned.get(key)
    if (samples === undefined) {
      samples = { queue: new DurationSamples(), processing: new SurvivalSamples() }
      learned.set(key, samples)
    }
    return samples
  }
  const recorded = new Set<string>()
  const clock = new ServerClock()

  /** Where to poll densely, in processing time; before 20 samples, from the doubted prior on and without end. */
  const windowOf = (processing: SurvivalSamples) => {
    const { count } = processing
    const shortestSeen = count === 0 ? Infinity : (processing.shortest() ?? 0) * (count / (count + 1))
    if (count < TRUST_AFTER) return { start: Math.min(priorShortest, shortestSeen), end: Infinity, trusted: false }
    return { ...(processing.denseWindow(coverage) ?? { start: 0, end: Infinity }), trusted: true }
  }

  const delay = ({ job, now, keyKind, attempt }: PollContext): number => {
    const quick = keyKind === 'test' ? (testKeyDelaysMs[Math.min(attempt, testKeyDelaysMs.length) - 1] ?? 5_000) : undefined
    // No job to reason about (an ASIN's listing): quick first, then the vendor's 5 s.
    if (job === undefined || job.status === 'completed' || job.status === 'failed') return quick ?? quickFirstDelayMs(attempt - 1)
    const { queue, processing } = samplesFor(`${keyKind}:${job.job_type}`)
    const serverNow = now + clock.offsetMs()
    const window = windowOf(processing)
    const created = Date.parse(job.created_at)
    const started = job.started_at === null ? undefined : Date.parse(job.started_at)
    // A test-key job, once 20 of its kind placed the end of their window (before, or while many
    // outlast them, it has none): after the first answer, one poll when as long as the window
    // reaches has passed (the job started by now), then quick again.
    if (quick !== undefined) return attempt > 1 || window.end === Infinity ? quick : window.end
    if (started === undefined) {
      // Still queued, so it cannot end before `window.start` from now, and a poll one step after
      // that sees within a step every end the window holds. Past 20 jobs of a kind the poll goes
      // there from when the job likely starts, the median of the queue times left, but at most a
      // step later (an early starter's first ends are seen within two steps): no other poll is
      // then needed to anchor it on its start, unless it queues more than a step past the median.
      // Beyond pendingMaxMs, come back once it has almost surely started (its own start time
      // anchors the window, and the sooner it is known the wider the window, so late is better
      // than early), at most pendingMaxMs later.
      const firstUseful = window.start + windowStepMs
      const queued = serverNow - created
      const [median = queued, late = queued] = (queue.count < TRUST_AFTER ? priorQueue : queue).beyond(queued, [0.5, 0.95]).values
      for (const wait of [firstUseful + Math.min(windowStepMs, median - queued), firstUseful]) if (wait <= pendingMaxMs) return wait
      return Math.min(Math.max(late - queued, windowStepMs), pendingMaxMs, firstUseful)
    }
    const elapsed = serverNow - started
    // A poll sees, within one step, the ends of the step before it: the first that the window needs
    // is one step into it (a poll at its start would only see ends the window leaves out). Straight
    // there when evidence placed it (20 jobs or more); at most maxDelayMs later while on the prior.
    if (elapsed < window.start) return Math.min(window.start + windowStepMs - elapsed, window.trusted ? Infinity : maxDelayMs)
    if (elapsed <= window.end) return windowStepMs
    // Past the window: a job seen late by a share of how long it has run, so the step grows with it.
    return Math.min(maxDelayMs, windowStepMs + (elapsed - window.end) * tailGrowth)
  }

  return {
    name: 'adaptive',
    nextDelayMs: (context) => Math.round(delay(context)),
    observe: (job, { keyKind, answer, now }) => {
      if (answer !== undefined) clock.observe(answer, job)
      if (job.started_at === null) return
      const started = Date.parse(job.started_at)
      const samples = samplesFor(`${keyKind}:${job.job_type}`)
      const finished = job.status === 'completed' || job.status === 'failed'
      if (!finished) {
        // Still running: it lasts at least this long, which keeps the slow ones in the picture.
        const seenAt = now ?? answer?.answeredAt
        if (seenAt !== undefined) samples.processing.record(job.id, seenAt + clock.offsetMs() - started, false)
        return
      }
      if (job.completed_at === null || recorded.has(job.id)) return
      recorded.add(job.id)
      if (recorded.size > 10_000) recorded.delete(recorded.values().next().value as string)
      samples.queue.add(started - Date.parse(job.created_at))
      samples.processing.record(job.id, Date.parse(job.completed_at) - started, true)
    },
    observeAnswer: ({ answer }) => {
      if (answer !== undefined) clock.observe(answer)
    },
    estimate: ({ job, keyKind, now }) => {
      if (job === undefined) return { kind: 'none', reason: 'no-evidence' }
      const offset = clock.offsetMs()
      return estimateEnd(job, samplesFor(`${keyKind}:${job.job_type}`), now + offset, offset)
    },
    clockOffsetMs: () => clock.offsetMs(),
    exportState: () => ({
      version: 1,
      jobTypes: Object.fromEntries(
        [...learned]
          .filter(([, { processing }]) => processing.count > 0)
          .map(([jobType, { queue, processing }]) => [jobType, { queueMs: [...queue.observed()], processingMs: processing.finished() }]),
      ),
    }),
  }
}
