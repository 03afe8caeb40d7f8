import type { Job } from '../codecs/Job.js'
import type { DurationSamples } from './DurationSamples.js'
import type { JobEstimate } from './JobEstimate.js'
import type { SurvivalSamples } from './SurvivalSamples.js'

/** Jobs of a kind that must have finished before an estimate is given. */
const MIN_EVIDENCE = 5
/** The interval's quantiles, and the median. */
const QUANTILES = [0.1, 0.5, 0.9] as const
/** A queued job's end is a sum of a remaining queue time and a processing time: this many quantiles of each. */
const GRID = 20
const GRID_PS = Array.from({ length: GRID }, (_, n) => (n + 0.5) / GRID)

const sortedQuantiles = (values: number[]): number[] => {
  values.sort((a, b) => a - b)
  return QUANTILES.map((p) => values[Math.min(values.length - 1, Math.floor(p * values.length))] ?? 0)
}

/**
 * When `job` will likely end, on Pixii's clock turned back into the client's (`offsetMs` is
 * Pixii's minus the client's): from the durations learned for its kind, given how long it has
 * already queued or run at `serverNow`. A running job's end is started_at plus the learned
 * processing times longer than what it has run; a queued job's, created_at plus a remaining queue
 * time plus a processing time (their quantiles combined on a grid, as independent).
 */
export function estimateEnd(
  job: Job,
  learned: { readonly queue: DurationSamples; readonly processing: SurvivalSamples },
  serverNow: number,
  offsetMs: number,
): JobEstimate {
  if (job.status === 'completed' || job.status === 'failed') return { kind: 'none', reason: 'finished' }
  const { queue, processing } = learned
  if (processing.count < MIN_EVIDENCE || (job.started_at === null && queue.count < MIN_EVIDENCE)) return { kind: 'none', reason: 'no-evidence' }
  let ends: readonly number[]
  let samples: number
  if (job.started_at !== null) {
    const started = Date.parse(job.started_at)
    const rest = processing.beyond(serverNow - started, QUANTILES)
    if (rest === undefined) return { kind: 'none', reason: 'overdue' }
    ends = rest.values.map((ms) => started + ms)
    samples = rest.count
  } else {
    const created = Date.parse(job.created_at)
    const queued = queue.beyond(serverNow - created, GRID_PS)
    // Queued longer than any job learned: it starts about now, as far as the evidence goes.
    const starts = queued.count === 0 ? [serverNow - created] : queued.values
    const runs = processing.beyond(0, GRID_PS)?.values
    if (runs === undefined) return { kind: 'none', reason: 'no-evidence' }
    ends = sortedQuantiles(starts.flatMap((wait) => runs.map((run) => created + wait + run)))
    samples = Math.min(queue.count, processing.count)
  }
  const [low = 0, at = 0, high = 0] = ends.map((end) => end - offsetMs)
  return { kind: 'estimate', at, low, high, coverage: QUANTILES[2] - QUANTILES[0], samples }
}
