import { from, mergeMap, type SchedulerLike } from 'rxjs'
import { createPixiiClient, type PollEvent, type RetryPolicy } from '../src/index.js'
import type { FetchLike } from '../src/advanced/index.js'
import type { Simulator } from '../src/testing/index.js'
import { createPrng } from '../src/testing/prng.js'
import { applyFaultMix } from './applyFaultMix.js'
import type { ChaosFigures } from './ChaosFigures.js'
import { countingFetch } from './countingFetch.js'
import { cutFigures } from './cutFigures.js'
import { deadlineFigures } from './deadlineFigures.js'
import type { FaultMix } from './FaultMix.js'
import { judgeRecord, watchEnding } from './judgeRecord.js'
import { planUnits, type UnitPlanOptions } from './planUnits.js'
import { watchProcessFaults } from './processFaults.js'
import { readTruth } from './readTruth.js'
import { tallyFaults } from './tallyFaults.js'
import type { Verdict } from './Verdict.js'
import { runUnit$ } from './runUnit.js'
import type { WatchRecord } from './WatchRecord.js'

/** Everything a chaos run needs; the caller owns the simulator and closes it afterwards. */
export interface ChaosSetup {
  /** A fresh simulator on `scheduler`, with no fault rules yet. */
  readonly sim: Simulator
  /** Where the client sends its requests (the simulator's URL, or any URL for its in-memory fetch). */
  readonly baseUrl: string
  /** The client's transport. */
  readonly fetch: FetchLike
  /** The client's and the simulator's clock. */
  readonly scheduler: SchedulerLike
  /** Which jobs, and which of them to cut or group. */
  readonly plan: UnitPlanOptions
  /** Watches (solo jobs or ASIN groups) running at once. */
  readonly concurrency: number
  /** The client's per-request timeout: the only thing that ends a `hang`. */
  readonly requestTimeoutMs: number
  /** The client's overall deadline of a watch (`watchTimeoutMs`): what ends the watch of an endless job. */
  readonly watchTimeoutMs: number
  readonly retry: RetryPolicy
  readonly faults: FaultMix
  /**
   * Resolves once the run is over: in real time, when `finished` resolves (or at a deadline);
   * in virtual time, by advancing the clock until `done()` holds.
   */
  readonly until: (finished: Promise<void>, done: () => boolean) => Promise<void>
  /** Lets `ms` pass on the run's clock. */
  readonly wait: (ms: number) => Promise<void>
  /** How long to go on listening after the last watch ended, so that a stray timer would be seen. */
  readonly quietMs: number
}

const sumVerdicts = (verdicts: readonly Verdict[]): Verdict =>
  verdicts.reduce((sum, v) => ({
    lost: sum.lost + v.lost,
    duplicated: sum.duplicated + v.duplicated,
    backwards: sum.backwards + v.backwards,
    phantom: sum.phantom + v.phantom,
    wrongFinal: sum.wrongFinal + v.wrongFinal,
    retriesExhausted: sum.retriesExhausted + v.retriesExhausted,
    foreign: sum.foreign + v.foreign,
    wrongDeadline: sum.wrongDeadline + v.wrongDeadline,
  }), { lost: 0, duplicated: 0, backwards: 0, phantom: 0, wrongFinal: 0, retriesExhausted: 0, foreign: 0, wrongDeadline: 0 })

/**
 * Runs one chaos scenario: installs the fault mix, watches the planned jobs through one client
 * (each created when its watch starts, so that the watch sees its transitions), cuts some watches
 * midway, lets the watches of endless jobs run into their deadline, then compares everything
 * delivered with the simulator's ground truth (its request log says which answers were about
 * another job). `npm run chaos`
 * calls it in real time over loopback HTTP; the suite calls it in virtual time.
 */
export async function runChaos(setup: ChaosSetup): Promise<ChaosFigures> {
  const { sim, scheduler } = setup
  const hooks = watchProcessFaults()
  applyFaultMix(sim, setup.faults)
  const onNextRequest = new Map<string, () => void>()
  const counter = countingFetch(setup.fetch, (id) => {
    const act = onNextRequest.get(id)
    onNextRequest.delete(id)
    act?.()
  })
  const polls: PollEvent[] = []
  const jitter = createPrng(setup.plan.seed, 102)
  const client = createPixiiClient({
    apiKey: sim.testKey,
    baseUrl: setup.baseUrl,
    fetch: counter.fetch,
    scheduler,
    requestTimeoutMs: setup.requestTimeoutMs,
    watchTimeoutMs: setup.watchTimeoutMs,
    retry: setup.retry,
    random: () => jitter.next(),
    onPoll: (event) => polls.push(event),
  })
  const records = new Map<string, WatchRecord>()
  const units = planUnits(setup.plan)
  const startedAt = scheduler.now()
  let over = false
  const finished = new Promise<void>((resolve, reject) => {
    from(units)
      .pipe(mergeMap((unit) => runUnit$({ sim, client, scheduler, counter, records, onNextRequest }, unit), setup.concurrency))
      .subscribe({ error: reject, complete: () => resolve() })
  }).finally(() => {
    over = true
  })
  await setup.until(finished, () => over)
  const durationMs = scheduler.now() - startedAt
  await setup.wait(setup.quietMs)

  const log = [...sim.log]
  sim.faults.clear()
  const verdicts: Verdict[] = []
  const outcomes = { completed: 0, partial: 0, failed: 0, unfinished: 0 }
  const endings = { solo: 0, grouped: 0, timedOut: 0 }
  for (const record of records.values()) {
    const truth = await readTruth(sim, record.id)
    verdicts.push(judgeRecord(record, truth))
    const ending = watchEnding(record, truth)
    if (ending === 'refused') endings[record.group === undefined ? 'solo' : 'grouped'] += 1
    if (ending === 'timed-out') endings.timedOut += 1
    if (truth.job.status === 'failed') outcomes.failed += 1
    else if (truth.job.status !== 'completed') outcomes.unfinished += 1
    else if (truth.job.status === 'completed' && truth.job.output.ads.some((ad) => ad.error !== null)) outcomes.partial += 1
    else outcomes.completed += 1
  }
  const verdict = sumVerdicts(verdicts)
  const cuts = cutFigures(records.values(), log, counter)
  const deadlines = deadlineFigures(records.values(), log, counter)
  const processFaults = hooks.stop()
  const waits = polls.flatMap((poll) => (poll.decision.kind === 'wait' ? [poll.decision.reason] : []))
  return {
    seed: setup.plan.seed,
    jobs: records.size,
    groupedJobs: units.reduce((n, unit) => n + (unit.kind === 'group' ? unit.jobs.length : 0), 0),
    cut: cuts.cut,
    inFlightAtCut: cuts.inFlightAtCut,
    outcomes,
    misdirectedRefused: { solo: endings.solo, grouped: endings.grouped },
    timedOut: endings.timedOut,
    emissions: [...records.values()].reduce((n, record) => n + record.statuses.length, 0),
    requests: log.length,
    faults: tallyFaults(log),
    polls: polls.length,
    retries: { backoff: waits.filter((w) => w === 'backoff').length, retryAfter: waits.filter((w) => w === 'retry-after').length },
    durationMs,
    zeros: {
      ...verdict,
      unhandledRejections: processFaults.unhandledRejections,
      uncaughtExceptions: processFaults.uncaughtExceptions,
      fetchesAfterCut: cuts.fetchesAfterCut,
      arrivalsAfterCut: cuts.arrivalsAfterCut,
      ...deadlines,
    },
    processSamples: processFaults.samples,
  }
}
