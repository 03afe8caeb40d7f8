import type { Job } from '../codecs/Job.js'
import { ValidationError } from '../errors/ValidationError.js'
import { DurationSamples } from './DurationSamples.js'
import type { PollContext, PollSchedule } from './PollSchedule.js'
import { quickFirstDelayMs } from './quickFirstSchedule.js'

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
  /** Waits for test-key jobs (done in under a second), then the last one repeats. Default 250, 250, 500, 1000, 2000, 5000. */
  readonly testKeyDelaysMs?: readonly number[]
  /** The step inside the window where completion is likely. Default 4700 (fixed 5 s polling's p95 latency is about 4.75 s). */
  readonly windowStepMs?: number
  /** The quantiles of the learned processing times that bound the likely window. Default 0.01 and 0.93. */
  readonly window?: readonly [low: number, high: number]
  /**
   * The longest wait while a job is queued, so that `processing` shows soon enough. Default
   * 30 000. At 120 000 a live job is first polled again at its earliest plausible end, which
   * saves one request per job (see docs/benchmarks.md) but shows `processing` late.
   */
  readonly pendingMaxMs?: number
  /** How fast the step grows past the window: a share of the time overdue. Default 0.1. */
  readonly tailGrowth?: number
  /** The longest wait. Default 60 000. */
  readonly maxDelayMs?: number
  /** Pseudo-samples used until 20 real ones are known: about two minutes of processing, up to 30 s queued. */
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
  /** Records how long a finished job queued and processed (test-key and live jobs apart). */
  observe(job: Job, context: Pick<PollContext, 'keyKind'>): void
  /** What has been learned, as plain JSON, for `adaptiveSchedule({ state })`. */
  exportState(): AdaptiveState
}

const defaults = {
  testKeyDelaysMs: [250, 250, 500, 1_000, 2_000, 5_000],
  windowStepMs: 4_700,
  window: [0.01, 0.93] as const,
  pendingMaxMs: 30_000,
  tailGrowth: 0.1,
  maxDelayMs: 60_000,
  prior: { queueMs: [0, 5_000, 10_000, 20_000, 30_000], processingMs: [60_000, 90_000, 120_000, 150_000, 180_000] },
} as const

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value))

/**
 * The default schedule: it uses what the client knows. Test-key jobs are polled quickly. A live
 * job is polled once while it is likely still queued; then, anchored on its own `started_at`,
 * not again until completion becomes likely (the low quantile of the processing times learned
 * for its `job_type`), densely through the likely window, and with a step that grows gently for
 * the slow tail. `Retry-After` still overrides it. One instance belongs to one client: it learns
 * from every job the client watches.
 *
 * @param config - How it polls and what it starts from; every field has a default (see {@link AdaptiveScheduleConfig}).
 * @throws {@link ValidationError} (source `client`) at once when a window, step or delay is out of range.
 *
 * @example
 * ```ts
 * import { adaptiveSchedule, createPixiiClient } from 'pixii-rx'
 * const schedule = adaptiveSchedule()
 * const pixii = createPixiiClient({ apiKey: 'pk_live_example', schedule })
 * const started = Date.parse('2026-01-01T00:00:30Z')
 * const job = {
 *   id: 'job_1', job_type: 'Scale', status: 'processing', created_at: '2026-01-01T00:00:00Z',
 *   started_at: '2026-01-01T00:00:30Z', completed_at: null, credit_cost: 10, credits_refunded: 0, output: null, error_code: null,
 * } as const
 * // Seen processing 1 s after it started: nothing is likely before about a minute of processing,
 * // so it waits the longest wait allowed.
 * console.log(schedule.nextDelayMs({ attempt: 2, elapsedMs: 31_000, job, keyKind: pixii.keyKind, now: started + 1_000 }))
 * // Output: 60000
 * ```
 */
export function adaptiveSchedule(config: AdaptiveScheduleConfig = {}): AdaptiveSchedule {
  const settings = { ...defaults, ...config }
  const { windowStepMs, window, pendingMaxMs, tailGrowth, maxDelayMs, testKeyDelaysMs, prior } = settings
  const [low, high] = window
  if (!(windowStepMs > 0 && low >= 0 && high <= 1 && low < high && pendingMaxMs > 0 && tailGrowth >= 0 && maxDelayMs > 0 && testKeyDelaysMs.length > 0)) {
    const message = 'adaptiveSchedule: windowStepMs, pendingMaxMs and maxDelayMs must be > 0, window quantiles ascending within [0, 1], tailGrowth ≥ 0, testKeyDelaysMs non-empty'
    throw new ValidationError({ message, source: 'client', issues: [{ path: '', message }] })
  }
  const learned = new Map<string, { queue: DurationSamples; processing: DurationSamples }>()
  for (const [jobType, saved] of Object.entries(config.state?.jobTypes ?? {})) {
    learned.set(jobType, { queue: new DurationSamples(prior.queueMs, saved.queueMs), processing: new DurationSamples(prior.processingMs, saved.processingMs) })
  }
  const samplesFor = (jobType: string) => {
    let samples = learned.get(jobType)
    if (samples === undefined) {
      samples = { queue: new DurationSamples(prior.queueMs), processing: new DurationSamples(prior.processingMs) }
      learned.set(jobType, samples)
    }
    return samples
  }
  const recorded = new Set<string>()

  const liveDelay = ({ job, now, keyKind, attempt }: PollContext): number => {
    // No job to reason about (an ASIN's listing): quick first, then the vendor's 5 s.
    if (job === undefined || job.status === 'completed' || job.status === 'failed') return quickFirstDelayMs(attempt - 1)
    const { queue, processing } = samplesFor(`${keyKind}:${job.job_type}`)
    const startedAt = job.started_at === null ? undefined : Date.parse(job.started_at)
    if (startedAt === undefined) {
      // Still queued: come back once it has most likely started, to learn its own start time;
      // or, when pendingMaxMs reaches that far, straight at its earliest plausible end.
      const created = Date.parse(job.created_at)
      const earliestEnd = created + queue.quantile(low) + processing.quantile(low)
      if (earliestEnd - now <= pendingMaxMs) return Math.max(1_000, earliestEnd - now)
      return clamp(created + queue.quantile(0.9) - now, 1_000, pendingMaxMs)
    }
    const windowStart = startedAt + processing.quantile(low)
    const windowEnd = startedAt + processing.quantile(high)
    if (now < windowStart - windowStepMs) return clamp(windowStart - now, windowStepMs, maxDelayMs)
    if (now <= windowEnd) return windowStepMs
    return clamp((now - windowEnd) * tailGrowth, windowStepMs, maxDelayMs)
  }

  return {
    name: 'adaptive',
    nextDelayMs: (context) => {
      if (context.keyKind !== 'test') return Math.round(liveDelay(context))
      return testKeyDelaysMs[Math.min(context.attempt, testKeyDelaysMs.length) - 1] ?? 5_000
    },
    observe: (job, { keyKind }) => {
      if (job.started_at === null || recorded.has(job.id) || (job.status !== 'completed' && job.status !== 'failed')) return
      if (job.completed_at === null) return
      recorded.add(job.id)
      if (recorded.size > 10_000) recorded.delete(recorded.values().next().value as string)
      const samples = samplesFor(`${keyKind}:${job.job_type}`)
      samples.queue.add(Date.parse(job.started_at) - Date.parse(job.created_at))
      samples.processing.add(Date.parse(job.completed_at) - Date.parse(job.started_at))
    },
    exportState: () => ({
      version: 1,
      jobTypes: Object.fromEntries(
        [...learned].map(([jobType, { queue, processing }]) => [jobType, { queueMs: [...queue.observed()], processingMs: [...processing.observed()] }]),
      ),
    }),
  }
}
