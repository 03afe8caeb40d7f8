// Models of jobs unlike the prior, for the robustness table (bench/robustness.ts): each a seeded
// mix of kinds. The default schedule's prior is processing 1–3 min and queue up to 30 s.
import { modelJobs, seededRandom, type ModelJob } from './jobModel.js'

/** One kind of job in a mix: its share, key, job type (cycled when absent) and durations. */
export interface JobKind {
  readonly share: number
  readonly key: 'test' | 'live'
  readonly jobType?: string
  readonly queueMs: (random: () => number) => number
  readonly processingMs: (random: () => number) => number
}

const epoch = Date.parse('2026-01-01T00:00:00Z')
const jobTypes = ['Listing Builder', 'Scale', 'A+ Content'] as const

/** Uniform between `low` and `high` ms. */
export const uniform = (low: number, high: number) => (random: () => number) => low + (high - low) * random()
/** Log-normal with median `median` ms and log-spread `sigma`, capped at `cap` ms. */
export const logNormal = (median: number, sigma: number, cap: number) => (random: () => number) => {
  const u = Math.max(1e-12, random())
  const v = random()
  return Math.min(cap, median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)))
}
/** Pareto from `scale` ms with tail index `alpha` (P(X > x) = (scale/x)^alpha), capped at `cap` ms. */
export const pareto = (scale: number, alpha: number, cap: number) => (random: () => number) => Math.min(cap, scale / Math.pow(1 - random(), 1 / alpha))
export const testKind: JobKind = { share: 0.2, key: 'test', queueMs: uniform(0, 100), processingMs: uniform(200, 700) }

/** `count` jobs of a mix, created `spacingMs` apart, 2 % ending failed; the same for the same seed. */
export function mixedJobs(count: number, seed: number, kinds: readonly JobKind[], spacingMs = 1_000): ModelJob[] {
  const random = seededRandom(seed)
  const total = kinds.reduce((sum, kind) => sum + kind.share, 0)
  return Array.from({ length: count }, (_, n) => {
    let pick = random() * total
    const kind = kinds.find((candidate) => (pick -= candidate.share) < 0) ?? kinds[kinds.length - 1]
    if (kind === undefined) throw new Error('mixedJobs: no kinds')
    const createdAt = epoch + n * spacingMs
    const startedAt = Math.round(createdAt + kind.queueMs(random))
    return {
      id: `job_${n.toString().padStart(5, '0')}`,
      jobType: kind.jobType ?? jobTypes[n % jobTypes.length] ?? 'Scale',
      key: kind.key,
      createdAt,
      startedAt,
      finishedAt: Math.round(startedAt + kind.processingMs(random)),
      outcome: random() < 0.02 ? 'failed' : 'completed',
    }
  })
}

/** A named model: how to make its jobs. */
export interface FieldModel {
  readonly name: string
  readonly description: string
  readonly jobs: (count: number) => ModelJob[]
}

/** The models of the robustness table. */
export const fieldModels: readonly FieldModel[] = [
  { name: "today's model", description: 'bench/jobModel.ts (benchmark 1)', jobs: (count) => modelJobs(count, 42) },
  {
    name: 'faster than the prior (÷3)',
    description: '20 % test-key; live queued 0–7 s, processing 20–50 s',
    jobs: (count) => mixedJobs(count, 101, [testKind, { share: 0.8, key: 'live', queueMs: uniform(0, 7_000), processingMs: uniform(20_000, 50_000) }]),
  },
  {
    name: 'slower than the prior (×3)',
    description: '20 % test-key; live queued 0–60 s, processing 4.5–9 min',
    jobs: (count) => mixedJobs(count, 102, [testKind, { share: 0.8, key: 'live', queueMs: uniform(0, 60_000), processingMs: uniform(270_000, 540_000) }]),
  },
  {
    name: 'two job types, 20–40 s and 4–8 min',
    description: 'live only; Scale processing 20–40 s, A+ Content 4–8 min, both queued 0–20 s',
    jobs: (count) =>
      mixedJobs(count, 103, [
        { share: 0.5, key: 'live', jobType: 'Scale', queueMs: uniform(0, 20_000), processingMs: uniform(20_000, 40_000) },
        { share: 0.5, key: 'live', jobType: 'A+ Content', queueMs: uniform(0, 20_000), processingMs: uniform(240_000, 480_000) },
      ]),
  },
  {
    name: 'heavy-tailed',
    description: '20 % test-key; live queued 0–20 s, processing log-normal, median 100 s, σ 0.8 (p99 ≈ 11 min), capped at 1 h',
    jobs: (count) => mixedJobs(count, 104, [testKind, { share: 0.8, key: 'live', queueMs: uniform(0, 20_000), processingMs: logNormal(100_000, 0.8, 3_600_000) }]),
  },
  {
    name: 'two-minute body, Pareto tail',
    description: '20 % test-key; live queued 0–20 s; 90 % of live jobs log-normal, median 2 min, σ 0.15, 10 % Pareto from 3 min, index 1.2 (p99 ≈ 19 min), capped at 1 h',
    jobs: (count) =>
      mixedJobs(count, 105, [
        testKind,
        { share: 0.72, key: 'live', queueMs: uniform(0, 20_000), processingMs: logNormal(120_000, 0.15, 3_600_000) },
        { share: 0.08, key: 'live', queueMs: uniform(0, 20_000), processingMs: pareto(180_000, 1.2, 3_600_000) },
      ]),
  },
]
