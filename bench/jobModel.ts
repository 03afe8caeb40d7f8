// The seeded model of jobs that benchmark 1 polls. Documented here, used by the benchmark and
// by its short version in the test suite.
//
// - 20 % test-key jobs: queued 0–100 ms, processing 200–700 ms (done in under a second).
// - 75 % live jobs: queued 0–20 s, processing 90–150 s (Pixii's "about two minutes").
// - 5 % slow live jobs: queued 0–20 s, processing log-uniform between 150 s and 15 min.
// - 2 % of all jobs end `failed` instead of `completed` (detected the same way).
// - job types cycle through Listing Builder, Scale and A+ Content; durations do not depend on them.
// Jobs are created one second apart; each is polled on its own from its creation.

/** One modelled job: when it was created, started and finished (ms since the epoch). */
export interface ModelJob {
  readonly id: string
  readonly jobType: string
  readonly key: 'test' | 'live'
  readonly createdAt: number
  readonly startedAt: number
  readonly finishedAt: number
  readonly outcome: 'completed' | 'failed'
}

/** mulberry32: a small seeded generator, so that every run models the same jobs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const jobTypes = ['Listing Builder', 'Scale', 'A+ Content'] as const
const epoch = Date.parse('2026-01-01T00:00:00Z')

/** `count` jobs of the model above, the same for the same seed. */
export function modelJobs(count: number, seed = 42): ModelJob[] {
  const random = seededRandom(seed)
  const between = (low: number, high: number): number => low + (high - low) * random()
  return Array.from({ length: count }, (_, n) => {
    const kind = random()
    const test = kind < 0.2
    const slow = kind >= 0.95
    const createdAt = epoch + n * 1_000
    const queued = test ? between(0, 100) : between(0, 20_000)
    const processing = test ? between(200, 700) : slow ? Math.exp(between(Math.log(150_000), Math.log(900_000))) : between(90_000, 150_000)
    const startedAt = Math.round(createdAt + queued)
    return {
      id: `job_${n.toString().padStart(5, '0')}`,
      jobType: jobTypes[n % jobTypes.length] ?? 'Scale',
      key: test ? 'test' : 'live',
      createdAt,
      startedAt,
      finishedAt: Math.round(startedAt + processing),
      outcome: random() < 0.02 ? 'failed' : 'completed',
    }
  })
}
