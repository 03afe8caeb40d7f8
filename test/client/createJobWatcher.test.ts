import { expect } from 'chai'
import { merge } from 'rxjs'
import { createJobWatcher, type JobWatcher, type JobWatcherOptions } from '../../src/watcher/index.js'
import { normalizeWatcherOptions } from '../../src/client/normalizeWatcherOptions.js'
import { createPixiiClient, isPixiiError, type Job, type PixiiClient } from '../../src/index.js'
import { harness, record, transitions, type Harness } from '../support/watchHarness.js'

// createJobWatcher is a client's watchJob$ without the rest: the same scenario run through a
// watcher and through a client with the same options must give the same values at the same
// virtual times, the same ending, and the same requests.
type Scenario = (h: Harness, watcher: JobWatcher) => { readonly watch: ReturnType<typeof record<Job>> }

async function run(http: boolean, make: 'client' | 'watcher', scenario: Scenario, options: Partial<JobWatcherOptions> = {}) {
  const h = await harness({ http })
  try {
    const base = { apiKey: h.sim.testKey, baseUrl: h.sim.url ?? 'http://127.0.0.1:1', fetch: h.clock.track(http ? globalThis.fetch : h.sim.fetch), scheduler: h.clock.scheduler, random: () => 0.5, ...options }
    const watcher: JobWatcher = make === 'client' ? createPixiiClient(base) : createJobWatcher(base)
    const { watch } = scenario(h, watcher)
    await h.clock.runUntil(watch.ended)
    const error = watch.error as { _tag?: string; deadline?: string; errorCode?: string } | undefined
    return {
      transitions: transitions(watch),
      completedAt: watch.completedAt,
      error: error === undefined ? undefined : { tag: error._tag, deadline: error.deadline, errorCode: error.errorCode, at: h.clock.scheduler.now() },
      requests: h.sim.log.map((request) => `${request.method} ${request.path} ${request.fault ?? ''}`),
      stats: watcher.requestStats(),
    }
  } finally {
    await h.close()
  }
}

const scenarios: Readonly<Record<string, { readonly scenario: Scenario; readonly options?: Partial<JobWatcherOptions> }>> = {
  'a live job, with the default schedule': {
    scenario: (h, w) => ({ watch: record(w.watchJob$(h.sim.createJob({ key: h.sim.liveKey, queuedMs: 10_100, processingMs: 109_800 })), h.clock) }),
  },
  'a failed job': {
    scenario: (h, w) => ({ watch: record(w.watchJob$(h.sim.createJob({ key: h.sim.testKey, outcome: { kind: 'failure', errorCode: 'GENERATION_FAILED' } })), h.clock) }),
  },
  'another organisation’s job': { scenario: (h, w) => ({ watch: record(w.watchJob$(h.sim.createJob({ key: h.sim.otherOrgKey })), h.clock) }) },
  'a job past the client deadline': {
    scenario: (h, w) => ({ watch: record(w.watchJob$(h.sim.createJob({ key: h.sim.liveKey, queuedMs: 600_000 })), h.clock) }),
    options: { watchTimeoutMs: 45_000 },
  },
  'two watches of one job, and server errors on the way': {
    scenario: (h, w) => {
      const id = h.sim.createJob({ key: h.sim.liveKey, queuedMs: 5_000, processingMs: 20_000 })
      h.sim.faults.inject({ kind: 'status', status: 503 }, { times: 2 })
      return { watch: record(merge(w.watchJob$(id), w.watchJob$(id, { timeoutMs: false })), h.clock) }
    },
  },
}

for (const http of [false, true]) describe(`createJobWatcher ${http ? 'over loopback HTTP' : 'in memory'}, in virtual time`, () => {
  for (const [name, { scenario, options }] of Object.entries(scenarios)) {
    it(`watches ${name} as a client does`, async () => {
      const byClient = await run(http, 'client', scenario, options)
      const byWatcher = await run(http, 'watcher', scenario, options)
      expect(byWatcher).to.deep.equal(byClient)
      expect(byWatcher.requests.length).to.be.greaterThan(0)
    })
  }

  it('ends as the scenarios say (so that the comparison above compares something)', async () => {
    const live = await run(http, 'watcher', scenarios['a live job, with the default schedule']!.scenario)
    expect(live.transitions.map(([, status]) => status)).to.deep.equal(['pending', 'processing', 'completed'])
    const failed = await run(http, 'watcher', scenarios['a failed job']!.scenario)
    expect(failed.error).to.include({ tag: 'JobFailed', errorCode: 'GENERATION_FAILED' })
    const late = await run(http, 'watcher', scenarios['a job past the client deadline']!.scenario, { watchTimeoutMs: 45_000 })
    expect(late.error).to.include({ tag: 'Timeout', deadline: 'total', at: 45_000 })
    const shared = await run(http, 'watcher', scenarios['two watches of one job, and server errors on the way']!.scenario)
    expect(shared.requests.filter((request) => request.endsWith(' '))).to.have.length(shared.requests.length - 2)
    expect(shared.transitions.map(([, status]) => status)).to.deep.equal(['pending', 'pending', 'processing', 'processing', 'completed', 'completed'])
  })
})

describe('createJobWatcher options', () => {
  const refusal = (options: unknown): string => {
    try {
      createJobWatcher(options as JobWatcherOptions)
    } catch (error) {
      if (isPixiiError(error, 'Validation')) return error.message
      throw error
    }
    throw new Error('expected the options to be refused')
  }

  it('fills the defaults a client fills', () => {
    const watcher = createJobWatcher({ apiKey: 'pk_test_abc' })
    expect(watcher.keyKind).to.equal('test')
    expect(watcher.requestStats()).to.deep.equal({ active: 0, queued: 0, peak: 0 })
    const settings = normalizeWatcherOptions({ apiKey: 'pk_live_abc' }, 'createJobWatcher', { browser: false })
    expect(settings).to.include({ baseUrl: 'https://api.pixii.ai', requestTimeoutMs: 30_000, maxBodyBytes: 10_485_760, keyKind: 'live', watchTimeoutMs: 1_800_000 })
    expect(settings.gate.limit).to.equal(16)
  })

  it('refuses the submission options and unknown ones by name, and never prints the key', () => {
    expect(refusal({ apiKey: 'pk_test_abc', rateLimits: { perMinute: 5 }, outcomeLookup: {} })).to.equal(
      'Invalid createJobWatcher options: rateLimits: is not an option of createJobWatcher; outcomeLookup: is not an option of createJobWatcher',
    )
    const message = refusal({ apiKey: 'pk_live_has space', maxInFlight: 0, baseURL: 'x' })
    expect(message).to.equal(
      'Invalid createJobWatcher options: baseURL: is not an option of createJobWatcher; ' +
        'apiKey: expected a key of at most 256 characters without spaces, got 17 characters; maxInFlight: expected a positive integer, got 0',
    )
    expect(refusal({ apiKey: 'pk_test_abc', baseUrl: 'http://api.pixii.ai' })).to.contain('baseUrl: expected https (plain http only to a loopback host)')
    expect(refusal(undefined)).to.contain('apiKey: expected a non-empty string, got undefined')
  })

  it('applies the browser rules a client applies', () => {
    const page = { browser: true, origin: 'https://shop.example' } as const
    expect(normalizeWatcherOptions({ baseUrl: '/pixii' }, 'createJobWatcher', page)).to.include({ baseUrl: 'https://shop.example/pixii', keyKind: 'unknown' })
    expect(() => normalizeWatcherOptions({ apiKey: 'pk_live_s3cr3t' }, 'createJobWatcher', page)).to.throw('a pk_live_ key is refused in a browser')
  })

  it('takes what a client is: a PixiiClient is a JobWatcher', () => {
    const client: PixiiClient = createPixiiClient({ apiKey: 'pk_test_abc' })
    const watcher: JobWatcher = client
    expect(watcher.keyKind).to.equal('test')
  })
})
