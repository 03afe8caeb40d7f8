import type { JobType, Outcome } from '../src/testing/index.js'
import { createPrng, type Prng } from '../src/testing/prng.js'
import type { JobPlan, WatchUnit } from './WatchUnit.js'

/** How a chaos run's jobs are drawn. */
export interface UnitPlanOptions {
  /** Jobs in all. */
  readonly jobs: number
  /** The seed of every draw. */
  readonly seed: number
  /** The share of solo watches unsubscribed midway, 0 to 1. */
  readonly cancelShare: number
  /** The share of jobs watched in ASIN groups through `watchJobs$`, 0 to 1. */
  readonly groupShare: number
  /** Jobs per ASIN group. Default 8. */
  readonly groupSize?: number
  /**
   * The share of jobs that never finish during the run (processing for {@link ENDLESS_MS}), so
   * that their watches must end by their overall deadline; at least one when above 0. They are
   * watched alone and never cut. Default 0.
   */
  readonly endlessShare?: number
}

/** How long an endless job processes: a day, longer than any run. */
export const ENDLESS_MS = 24 * 3_600_000

const JOB_TYPES: readonly JobType[] = ['Listing Builder', 'Scale', 'A+ Content']
const AD_ERRORS = ['IMAGE_GENERATION_FAILED', 'NSFW_DETECTED'] as const
const JOB_ERRORS = ['GENERATION_FAILED', 'PRODUCT_NOT_FOUND', 'INTERNAL_ERROR'] as const

const pick = <A>(prng: Prng, values: readonly A[]): A => values[prng.int(0, values.length - 1)] as A

/** 60 % complete cleanly, 20 % complete with some failed ads, 20 % fail. */
function drawOutcome(prng: Prng, adCount: number): Outcome {
  const roll = prng.next()
  if (roll < 0.6) return { kind: 'success' }
  if (roll < 0.8) return { kind: 'partial', failedAds: prng.int(1, adCount), errorCode: pick(prng, AD_ERRORS) }
  return { kind: 'failure', errorCode: pick(prng, JOB_ERRORS) }
}

function drawJob(prng: Prng, asin?: string): JobPlan {
  const adCount = prng.int(1, 4)
  const job = { jobType: pick(prng, JOB_TYPES), adCount, outcome: drawOutcome(prng, adCount) }
  return asin === undefined ? job : { ...job, asin }
}

/**
 * Makes `count` of the solo watches that are not cut endless, chosen from their own draws, so that
 * the rest of the plan is the same with or without them.
 */
function makeEndless(units: WatchUnit[], count: number, prng: Prng): void {
  const candidates = units.flatMap((unit, i) => (unit.kind === 'solo' && unit.cut === undefined ? [i] : []))
  for (let n = 0; n < count && candidates.length > 0; n += 1) {
    const [i] = candidates.splice(prng.int(0, candidates.length - 1), 1) as [number]
    const unit = units[i] as Extract<WatchUnit, { kind: 'solo' }>
    units[i] = { kind: 'solo', job: { ...unit.job, processingMs: ENDLESS_MS } }
  }
}

/**
 * Draws the watches of a chaos run from `seed`: the same options always give the same units.
 * Jobs use the test key's durations (under a second), except the endless ones; outcomes and job
 * types vary.
 */
export function planUnits(options: UnitPlanOptions): readonly WatchUnit[] {
  const prng = createPrng(options.seed, 101)
  const size = options.groupSize ?? 8
  const groups = Math.floor((options.jobs * options.groupShare) / size)
  const units: WatchUnit[] = []
  for (let g = 0; g < groups; g += 1) {
    const asin = `B0CHAOS${String(g).padStart(3, '0')}`
    units.push({ kind: 'group', asin, jobs: Array.from({ length: size }, () => drawJob(prng, asin)) })
  }
  for (let n = groups * size; n < options.jobs; n += 1) {
    const job = drawJob(prng)
    if (prng.next() >= options.cancelShare) units.push({ kind: 'solo', job })
    else units.push({ kind: 'solo', job, cut: prng.next() < 0.5 ? { when: 'timer', ms: prng.int(0, 400) } : { when: 'request' } })
  }
  // Spread the groups among the solo watches instead of starting them all first.
  for (let i = units.length - 1; i > 0; i -= 1) {
    const j = prng.int(0, i)
    ;[units[i], units[j]] = [units[j] as WatchUnit, units[i] as WatchUnit]
  }
  const endless = options.endlessShare ?? 0
  makeEndless(units, endless > 0 ? Math.ceil(options.jobs * endless) : 0, createPrng(options.seed, 103))
  return units
}
