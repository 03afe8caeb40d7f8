import { createDispatcher, type Dispatcher } from './dispatcher.js'
import { createFaults } from './faults.js'
import { transitionsUntil } from './jobRecord.js'
import { readLedger } from './ledger.js'
import { createMemoryFetch } from './memoryFetch.js'
import { createModel, type Model } from './model.js'
import type { ResolvedOptions } from './options.js'
import { SUCCESS } from './outcome.js'
import { createPrng } from './prng.js'
import { createRequestLog } from './requestLog.js'
import type { JobInsert, Simulator } from './simulator.js'
import type { Submission } from './validateSubmission.js'
import { VOCABULARY } from './vocabulary.js'

function insertSubmission(spec: JobInsert): Submission {
  const asin = spec.asin ?? 'B000000001'
  const count = spec.adCount
  if (count !== undefined && !(Number.isInteger(count) && count >= 0)) {
    throw new RangeError(`pixii-rx/testing: createJob adCount must be an integer >= 0, got ${count}`)
  }
  switch (spec.jobType ?? 'Listing Builder') {
    case 'Listing Builder':
      return count === undefined
        ? { jobType: 'Listing Builder', asin, listingType: 'amazon_listing' }
        : { jobType: 'Listing Builder', asin, listingType: 'amazon_listing', adCount: count }
    case 'Scale':
      return { jobType: 'Scale', asin, itemCount: count ?? 1 }
    case 'A+ Content': {
      const types = VOCABULARY.aPlusTypes
      return { jobType: 'A+ Content', asin, types: Array.from({ length: count ?? 1 }, (_, i) => types[i % types.length] ?? 'A+ Basic') }
    }
  }
}

/**
 * Builds a simulator's parts around one model: what `createSimulator` returns, plus the
 * dispatcher and model that `startSimulator` puts a server in front of.
 *
 * @example
 * ```ts
 * import { assemble } from './assemble.js'
 * import { resolveOptions } from './options.js'
 * const { simulator, dispatcher } = assemble(resolveOptions(), async () => undefined)
 * ```
 */
export function assemble(
  options: ResolvedOptions,
  closeServer: () => Promise<void>,
): { simulator: Simulator; dispatcher: Dispatcher; model: Model } {
  const model = createModel(options)
  const log = createRequestLog()
  const faults = createFaults(createPrng(options.seed, 3))
  const dispatcher = createDispatcher(model, log, faults)
  const memory = createMemoryFetch(dispatcher)
  const orgA = model.addOrganisation({})
  const orgB = model.addOrganisation({})
  const { now } = options
  const keyOf = (key: string, what: string) => {
    const info = model.keyInfo(key)
    if (info === undefined) throw new RangeError(`pixii-rx/testing: ${what}: unknown key`)
    return info
  }
  let closing: Promise<void> | undefined

  const simulator: Simulator = {
    fetch: memory.fetch,
    testKey: orgA.testKey,
    liveKey: orgA.liveKey,
    otherOrgKey: orgB.testKey,
    addOrganisation: (opts = {}) => model.addOrganisation(opts),
    log: log.entries,
    imageLog: log.images,
    requests$: log.requests$,
    aborts$: log.aborts$,
    whenAborted: (seq) => log.whenAborted(seq),
    faults: {
      inject: (fault, opts) => faults.inject(fault, opts),
      rate: (fault, probability, opts) => faults.rate(fault, probability, opts),
      clear: () => faults.clear(),
    },
    script: (outcome, opts) => model.script.add(outcome, opts),
    createJob(spec) {
      const key = keyOf(spec.key, 'createJob')
      for (const field of ['queuedMs', 'processingMs'] as const) {
        const ms = spec[field]
        if (ms !== undefined && !(Number.isFinite(ms) && ms >= 0)) {
          throw new RangeError(`pixii-rx/testing: createJob ${field} must be a number >= 0, got ${ms}`)
        }
      }
      const job = model.insertJob(
        { key, submission: insertSubmission(spec), outcome: spec.outcome ?? SUCCESS, queuedMs: spec.queuedMs, processingMs: spec.processingMs },
        now(),
      )
      return job.id
    },
    truth(jobId) {
      const job = model.jobs.get(jobId)
      if (job === undefined) throw new RangeError(`pixii-rx/testing: truth: no job ${jobId}`)
      return transitionsUntil(job, now())
    },
    jobIds: () => [...model.jobs.keys()],
    balance: (key) => model.balance(keyOf(key, 'balance').orgId, now()),
    ledger: () => readLedger(model, log, now()),
    close() {
      closing ??= (async () => {
        dispatcher.closeAll()
        memory.close()
        log.complete()
        await closeServer()
      })()
      return closing
    },
  }
  return { simulator, dispatcher, model }
}
