import { asyncScheduler, type SchedulerLike } from 'rxjs'

/**
 * How long jobs wait and run, each as an inclusive `[min, max]` range in milliseconds.
 *
 * @example
 * ```ts
 * import { createSimulator, type DurationRanges } from 'pixii-rx/testing'
 * const instant: DurationRanges = { queuedMs: [0, 0], processingMs: [0, 0] }
 * const sim = createSimulator({ testDurations: instant })
 * const id = sim.createJob({ key: sim.testKey })
 * console.log(sim.truth(id).map((t) => t.status).join(' → '))
 * // Output: pending → processing → completed
 * ```
 */
export interface DurationRanges {
  /** Time spent `pending`, sampled uniformly. */
  readonly queuedMs: readonly [number, number]
  /** Time spent `processing`, sampled uniformly. */
  readonly processingMs: readonly [number, number]
}

/**
 * Options of `createSimulator` and `startSimulator`. Every field is optional.
 *
 * @example
 * ```ts
 * import { VirtualTimeScheduler } from 'rxjs'
 * import { createSimulator } from 'pixii-rx/testing'
 * const scheduler = new VirtualTimeScheduler()
 * const sim = createSimulator({ scheduler, seed: 7, timeScale: 0.01, rateLimits: { perMinute: 2, perDay: 5 } })
 * const id = sim.createJob({ key: sim.liveKey })
 * scheduler.schedule(() => undefined, 2000)
 * scheduler.flush() // two virtual seconds: enough for a live job at timeScale 0.01
 * console.log(sim.truth(id).at(-1)?.status)
 * // Output: completed
 * ```
 */
export interface SimulatorOptions {
  /** The only clock and timer source: `now()` stamps jobs and logs, `schedule()` runs latency faults. Default `asyncScheduler`. */
  scheduler?: SchedulerLike
  /** Seed of every pseudo-random choice (keys, ids, durations, fault rates). Default 1. */
  seed?: number
  /** Multiplies the durations of jobs submitted with a live key. Default 1. */
  timeScale?: number
  /** Durations of live-key jobs, before `timeScale`. Default queued 0–20 s, processing 90–150 s. */
  liveDurations?: DurationRanges
  /** Durations of test-key jobs. Default queued 0–100 ms, processing 200–700 ms. */
  testDurations?: DurationRanges
  /** Starting credit balance of each organisation. Default 10 000. */
  credits?: number
  /** Submission limits per organisation, as sliding windows. Default 10 a minute, 500 a day. */
  rateLimits?: { perMinute: number; perDay: number }
  /** Base of signed image URLs. Default `https://images.pixii.invalid`; `startSimulator` uses its own `url` unless this is given. */
  imageBaseUrl?: string
  /**
   * The simulator's clock minus the scheduler's, in ms: its model time (job timestamps, `Date`
   * headers, logs) is `scheduler.now() + clockOffsetMs`, as Pixii's clock differs from a client's
   * that shares the scheduler. Default 0.
   */
  clockOffsetMs?: number
  /**
   * `startSimulator` only: also answer `GET /_simulator/ledger` with the simulator's ledger as
   * JSON (every job with its ASIN and image hashes, credits, aborted requests). Pixii has no such
   * route, so it is off by default. Ignored by `createSimulator`.
   */
  serveLedger?: boolean
}

/** `SimulatorOptions` with every default applied and every value checked. */
export interface ResolvedOptions {
  readonly scheduler: SchedulerLike
  readonly seed: number
  readonly liveDurations: DurationRanges
  readonly testDurations: DurationRanges
  readonly credits: number
  readonly rateLimits: { readonly perMinute: number; readonly perDay: number }
  readonly imageBaseUrl: string | undefined
  /** Model time now: the scheduler's time plus `clockOffsetMs`. */
  readonly now: () => number
}

const DEFAULT_LIVE: DurationRanges = { queuedMs: [0, 20_000], processingMs: [90_000, 150_000] }
const DEFAULT_TEST: DurationRanges = { queuedMs: [0, 100], processingMs: [200, 700] }
/** Where image URLs point when nothing else is known: a reserved name that never resolves. */
export const DEFAULT_IMAGE_BASE_URL = 'https://images.pixii.invalid'

function fail(field: string, expected: string, got: unknown): never {
  throw new RangeError(`pixii-rx/testing: option ${field} must be ${expected}, got ${String(got)}`)
}

function count(field: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) fail(field, `an integer >= ${min}`, value)
  return value
}

function ranges(field: string, value: DurationRanges, scale: number): DurationRanges {
  const range = (name: 'queuedMs' | 'processingMs'): [number, number] => {
    const [min, max] = value[name]
    if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && min <= max)) {
      fail(`${field}.${name}`, 'a [min, max] pair with 0 <= min <= max', `[${min}, ${max}]`)
    }
    return [min * scale, max * scale]
  }
  return { queuedMs: range('queuedMs'), processingMs: range('processingMs') }
}

/**
 * Applies the defaults to `options` and checks every field, naming the bad one in a `RangeError`.
 *
 * @example
 * ```ts
 * import { resolveOptions } from './options.js'
 * console.log(JSON.stringify(resolveOptions({ timeScale: 0.01 }).liveDurations.processingMs))
 * // Output: [900,1500]
 * ```
 */
export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const timeScale = options.timeScale ?? 1
  if (!Number.isFinite(timeScale) || timeScale < 0) fail('timeScale', 'a finite number >= 0', timeScale)
  const seed = options.seed ?? 1
  if (!Number.isFinite(seed)) fail('seed', 'a finite number', seed)
  const limits = options.rateLimits ?? { perMinute: 10, perDay: 500 }
  const offset = options.clockOffsetMs ?? 0
  if (!Number.isFinite(offset)) fail('clockOffsetMs', 'a finite number', offset)
  const scheduler = options.scheduler ?? asyncScheduler
  const base = options.imageBaseUrl
  if (base !== undefined && !/^https?:\/\/[^/]+/.test(base)) fail('imageBaseUrl', 'an http(s) URL', base)
  return {
    scheduler,
    now: () => scheduler.now() + offset,
    seed,
    liveDurations: ranges('liveDurations', options.liveDurations ?? DEFAULT_LIVE, timeScale),
    testDurations: ranges('testDurations', options.testDurations ?? DEFAULT_TEST, 1),
    credits: count('credits', options.credits ?? 10_000, 0),
    rateLimits: {
      perMinute: count('rateLimits.perMinute', limits.perMinute, 1),
      perDay: count('rateLimits.perDay', limits.perDay, 1),
    },
    imageBaseUrl: base?.replace(/\/+$/, ''),
  }
}
