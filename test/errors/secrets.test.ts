import { expect } from 'chai'
import { filter, firstValueFrom, lastValueFrom, of, toArray } from 'rxjs'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { isPixiiError, type PixiiError, type PixiiErrorTag } from '../../src/index.js'
import { request$ } from '../../src/http/request.js'
import { downloadAds, toReadable } from '../../src/node/index.js'
import { harness, record, type Harness } from '../support/watchHarness.js'

const listing = { asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' } as const

/** Every way an error can be looked at. */
function exposures(error: PixiiError): string[] {
  return [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), String(error)]
}

describe('no error exposes the API key or a URL signature', () => {
  let h: Harness
  const seen = new Map<PixiiErrorTag, PixiiError[]>()
  const keep = (error: unknown): void => {
    if (!isPixiiError(error)) throw new Error(`not a PixiiError: ${String(error)}`)
    seen.set(error._tag, [...(seen.get(error._tag) ?? []), error])
  }
  const leftOf = async (task: () => Promise<{ _tag: string; left?: unknown }>): Promise<void> => keep((await task()).left)

  before(async () => {
    h = await harness({ http: true, track: false })
    const { sim } = h
    const pixii = h.client({ apiKey: sim.liveKey })
    await leftOf(h.client({ apiKey: 'pk_live_ThisKeyIsUnknownToTheServer' }).getJob('job_1'))
    await leftOf(pixii.getJob('job_missing'))
    await leftOf(pixii.getJob('bad/id'))
    await leftOf(h.client({ apiKey: sim.addOrganisation({ credits: 0 }).liveKey }).submitListingBuilder(listing))
    await leftOf(h.client({ apiKey: sim.addOrganisation({ activeBrand: false }).liveKey }).submitListingBuilder(listing))
    // A 500 to a submission: the outcome is unknown, and a look-up with no wait finds no job.
    sim.faults.inject({ kind: 'status', status: 500 }, { match: { method: 'POST' } })
    await leftOf(h.client({ apiKey: sim.liveKey, outcomeLookup: { waitMs: 0 } }).submitListingBuilder(listing))
    const settings = { baseUrl: sim.url!, apiKey: sim.liveKey, fetch: globalThis.fetch, scheduler: h.clock.scheduler, requestTimeoutMs: 5_000, maxBodyBytes: 1_000_000 }
    keep(await lastValueFrom(request$(settings, { method: 'POST', path: '/v1/api/scale', body: { asin: 'x' } })).catch((e: unknown) => e))
    for (const fault of [
      { kind: 'rate-limit', retryAfter: 2 }, { kind: 'status', status: 503 }, { kind: 'reset' }, { kind: 'html' }, { kind: 'empty' },
    ] as const) {
      sim.faults.inject(fault)
      await leftOf(pixii.getJob(sim.createJob({ key: sim.liveKey })))
    }
    await leftOf(h.client({ apiKey: sim.liveKey, baseUrl: 'http://127.0.0.1:1' }).getJob('job_1'))
    const renamed = async (url: string, init: RequestInit): Promise<Response> => {
      const answer = await globalThis.fetch(url, init)
      const job = (await answer.json()) as Record<string, unknown>
      const leak = `https://img.example/a.png?expires=1&signature=SIGNATURE123&key=${sim.liveKey}`
      return new Response(JSON.stringify({ ...job, status: leak }), { status: answer.status })
    }
    await leftOf(h.client({ apiKey: sim.liveKey, fetch: renamed }).getJob(sim.createJob({ key: sim.liveKey })))
    sim.faults.inject({ kind: 'hang' })
    const timing = h.client({ apiKey: sim.liveKey, requestTimeoutMs: 1_000 }).getJob('job_1')()
    await firstValueFrom(sim.requests$.pipe(filter((request) => request.fault === 'hang')))
    await h.clock.advance(1_000)
    const timed = await timing
    keep(timed._tag === 'Left' ? timed.left : timed)
    const failedId = sim.createJob({ key: sim.liveKey, queuedMs: 0, processingMs: 1, outcome: { kind: 'failure', errorCode: 'E' } })
    await h.clock.advance(10)
    const failed = record(pixii.watchJob$(failedId), h.clock)
    await h.clock.runUntil(failed.ended)
    keep(failed.error)
    const controller = new AbortController()
    controller.abort()
    await leftOf(pixii.getJob('job_1', { signal: controller.signal }))
    sim.faults.rate({ kind: 'status', status: 500 }, 1)
    const exhausted = record(h.client({ apiKey: sim.liveKey, retry: { maxConsecutiveFailures: 1 } }).watchJob$('job_x'), h.clock)
    await h.clock.runUntil(exhausted.ended)
    keep(exhausted.error)

    // The Node glue (pixii-rx/node): an expired image URL (the host refuses it, and past the
    // 7 days), an overflowing stream, a download folder that cannot be made.
    sim.faults.clear()
    const dir = await mkdtemp(join(tmpdir(), 'pixii-secrets-'))
    try {
      const imageJob = await pixii.getJob(sim.createJob({ key: sim.liveKey, queuedMs: 0, processingMs: 0, adCount: 1 }))()
      if (imageJob._tag === 'Left') throw imageJob.left
      const completedAt = Date.parse(imageJob.right.completed_at ?? '')
      await h.clock.advance(8 * 86_400_000)
      const lagging = { now: () => completedAt, schedule: h.clock.scheduler.schedule.bind(h.clock.scheduler) }
      for (const scheduler of [lagging, h.clock.scheduler]) {
        const events = await lastValueFrom(of(imageJob.right).pipe(downloadAds({ dir, scheduler }), toArray()))
        for (const event of events) if (event.kind === 'image-failed') keep(event.error)
      }
      const overflowing = toReadable(of(1, 2, 3), { highWaterMark: 1, maxBuffered: 1 })
      overflowing.read(0)
      keep(((await once(overflowing, 'error')) as unknown[])[0])
      await writeFile(join(dir, 'in-the-way'), '')
      keep(await lastValueFrom(of(imageJob.right).pipe(downloadAds({ dir: join(dir, 'in-the-way') }))).catch((e: unknown) => e))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
  after(async () => h.close())

  it('provokes every variant of the union', () => {
    expect([...seen.keys()].sort()).to.deep.equal([
      'Aborted', 'BufferOverflow', 'Decode', 'FileSystem', 'ImageExpired', 'InsufficientCredits', 'JobFailed', 'JobNotFound', 'Network',
      'NoActiveBrand', 'RateLimited', 'RetriesExhausted', 'Server', 'SubmissionOutcomeUnknown', 'Timeout', 'Unauthorized', 'Validation',
    ])
  })

  it('shows redacted values where the server sent secrets', () => {
    expect(seen.get('Decode')?.[0]?.message).to.contain('got "https://img.example/a.png?expires=[redacted]&signature=[redacted]&key=[redacte…')
  })

  it('never shows a key, in message, stack, JSON or inspect', () => {
    const keys = [h.sim.liveKey, h.sim.testKey, 'pk_live_ThisKeyIsUnknownToTheServer']
    for (const errors of seen.values()) {
      for (const error of errors) {
        for (const text of exposures(error)) {
          for (const key of keys) expect(text, `${error._tag}: ${text.slice(0, 200)}`).not.to.contain(key)
          expect(text).not.to.contain('SIGNATURE123')
          expect(text).not.to.match(/signature=[0-9a-f]{64}/)
        }
      }
    }
  })
})
