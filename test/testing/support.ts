import { VirtualTimeScheduler } from 'rxjs'
import { createSimulator, startSimulator, type Simulator, type SimulatorOptions } from '../../src/testing/index.js'

/** 2025-01-01T00:00:00.000Z: a realistic epoch for the virtual clock. */
export const START = Date.UTC(2025, 0, 1)

/** A virtual clock: `advance` runs what falls due and leaves `now()` exactly `ms` later. */
export interface Clock {
  readonly scheduler: VirtualTimeScheduler
  now(): number
  advance(ms: number): void
}

export function virtualClock(start = START): Clock {
  const scheduler = new VirtualTimeScheduler()
  scheduler.frame = start
  return {
    scheduler,
    now: () => scheduler.now(),
    advance(ms) {
      const target = scheduler.frame + ms
      scheduler.maxFrames = target
      scheduler.flush()
      scheduler.frame = target
      scheduler.maxFrames = Infinity
    },
  }
}

/** One way of reaching the simulator: its own fetch in memory, or Node's fetch over HTTP. */
export interface Transport {
  readonly name: 'memory' | 'http'
  start(options?: SimulatorOptions): Promise<Harness>
}

export interface ErrorJson {
  code: string
  message: string
  detail?: string
  retry_after?: number
}
export interface AdJson {
  preview_url: string | null
  error: { code: string; message: string } | null
  type?: string
  modules?: { image_url: string }[]
}
export interface JobJson {
  id: string
  job_type: string
  status: string
  created_at: string
  started_at: string | null
  completed_at: string | null
  credit_cost: number
  credits_refunded: number
  output: { ads: AdJson[] } | null
  error_code: string | null
}
export interface AcceptedJson {
  job_id: string
  job_type: string
  status: string
  created_at: string
}
export interface PageJson {
  data: { id: string; job_type: string; status: string; created_at: string }[]
  total: number
  page: number
  limit: number
}

/** A whole answer; `body` is the parsed JSON, typed as the test expects it (undefined if not JSON). */
export interface Answer<T> {
  readonly status: number
  readonly headers: Headers
  readonly body: T
  readonly text: string
}

export interface Harness {
  readonly sim: Simulator
  readonly base: string
  readonly fetch: typeof globalThis.fetch
  /** Sends a request with `key` as bearer (none when `key` is null) and reads the whole answer. */
  call<T = ErrorJson>(
    method: string,
    path: string,
    opts?: { key?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<Answer<T>>
}

function harness(sim: Simulator, base: string, fetch: typeof globalThis.fetch): Harness {
  return {
    sim,
    base,
    fetch,
    async call(method, path, opts = {}) {
      const key = opts.key === undefined ? sim.testKey : opts.key
      const headers: Record<string, string> = { ...(key === null ? {} : { Authorization: `Bearer ${key}` }), ...opts.headers }
      const init: RequestInit = { method, headers }
      if (opts.body !== undefined) {
        headers['Content-Type'] = 'application/json'
        init.body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)
      }
      const res = await fetch(path.startsWith('http') ? path : base + path, init)
      const text = await res.text()
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        body = undefined
      }
      return { status: res.status, headers: res.headers, body: body as never, text }
    },
  }
}

export const transports: readonly Transport[] = [
  {
    name: 'memory',
    start(options) {
      const sim = createSimulator(options)
      return Promise.resolve(harness(sim, 'https://api.pixii.ai', sim.fetch))
    },
  },
  {
    name: 'http',
    async start(options) {
      const sim = await startSimulator(options)
      return harness(sim, sim.url, globalThis.fetch)
    },
  },
]

export const listingBody = { asin: 'B000000001', country_code: 'US', listing_type: 'amazon_listing' }
export const scaleBody = {
  asin: 'B000000001',
  country_code: 'GB',
  scale_mode: 'catalog',
  items: [
    { preview_url: 'https://example.invalid/a.png', platform: 'Amazon', asset_type: 'main' },
    { preview_url: 'https://example.invalid/b.png', platform: 'Shopify', asset_type: 'lifestyle' },
  ],
}
export const aPlusBody = { asin: 'B000000001', country_code: 'DE', types: ['A+ Basic', 'A+ Premium Mobile'] }
