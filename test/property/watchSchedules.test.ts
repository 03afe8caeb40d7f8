import { expect } from 'chai'
import fc from 'fast-check'
import { createPixiiClient, fixedSchedule, isPixiiError, type JobStatus } from '../../src/index.js'
import type { FetchLike } from '../../src/advanced/index.js'
import { VirtualClock } from '../support/virtualTime.js'
import { record } from '../support/watchHarness.js'

// A server scripted answer by answer: job statuses that go back, repeat and skip, between faults
// of every transient kind. watchJob$ runs over it in virtual time (nothing sleeps).
type Fault = '500' | '502' | '503' | '429' | 'reset' | 'html' | 'empty' | 'malformed' | 'hang'
type Step = { readonly kind: 'job'; readonly status: JobStatus } | { readonly kind: 'fault'; readonly fault: Fault }

const rank: Readonly<Record<JobStatus, number>> = { pending: 0, processing: 1, completed: 2, failed: 2 }
const terminal = (status: JobStatus): boolean => rank[status] === 2

const nonTerminal = fc.constantFrom<JobStatus>('pending', 'processing').map((status): Step => ({ kind: 'job', status }))
const fault = fc.constantFrom<Fault>('500', '502', '503', '429', 'reset', 'html', 'empty', 'malformed', 'hang').map((f): Step => ({ kind: 'fault', fault: f }))
const last = fc.constantFrom<JobStatus>('completed', 'failed').map((status): Step => ({ kind: 'job', status }))
const script = fc
  .tuple(
    // Faults come in runs, so that some outlast the budget and most do not.
    fc.array(fc.oneof({ arbitrary: nonTerminal, weight: 3 }, { arbitrary: fc.array(fault, { minLength: 1, maxLength: 5 }), weight: 1 }), { maxLength: 12 }),
    last,
    fc.array(fc.oneof(nonTerminal, fault, last), { maxLength: 3 }),
  )
  .map(([middle, end, after]) => [...middle.flat(), end, ...after])

function jobJson(status: JobStatus): string {
  return JSON.stringify({
    id: 'job_1', job_type: 'Scale', status, created_at: '2026-01-01T00:00:00Z',
    started_at: status === 'pending' ? null : '2026-01-01T00:00:01Z',
    completed_at: terminal(status) ? '2026-01-01T00:00:09Z' : null, credit_cost: 10, credits_refunded: 0,
    output: status === 'completed' ? { ads: [] } : null, error_code: status === 'failed' ? 'GENERATION_FAILED' : null,
  })
}

function answer(step: Step, signal: AbortSignal | null | undefined): Promise<Response> {
  const json = { 'content-type': 'application/json' }
  if (step.kind === 'job') return Promise.resolve(new Response(jobJson(step.status), { headers: json }))
  switch (step.fault) {
    case '500': case '502': case '503':
      return Promise.resolve(new Response('{"code":"INTERNAL_ERROR","message":"m"}', { status: Number(step.fault), headers: json }))
    case '429':
      return Promise.resolve(new Response('{"code":"RATE_LIMIT_MINUTE_EXCEEDED","message":"m"}', { status: 429, headers: { ...json, 'retry-after': '2' } }))
    case 'html':
      return Promise.resolve(new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }))
    case 'empty':
      return Promise.resolve(new Response('', { headers: json }))
    case 'malformed':
      return Promise.resolve(new Response(jobJson('processing').slice(0, 40), { headers: json }))
    case 'reset': {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(jobJson('processing').slice(0, 30)))
          controller.error(new TypeError('terminated'))
        },
      })
      return Promise.resolve(new Response(body, { headers: json }))
    }
    case 'hang':
      // Only the per-request timeout (on the virtual clock) ends it, by aborting.
      return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true }))
  }
}

/** What watchJob$ must do with a script and a retry budget: the reference the run is compared with. */
function expected(steps: readonly Step[], budget: number) {
  const emitted: JobStatus[] = []
  let failures = 0
  for (const [index, step] of steps.entries()) {
    if (step.kind === 'fault') {
      failures += 1
      if (failures > budget) return { emitted, end: 'RetriesExhausted', requests: index + 1 }
      continue
    }
    failures = 0
    const shown = emitted.at(-1)
    if (shown === undefined || rank[step.status] > rank[shown]) emitted.push(step.status)
    if (terminal(step.status)) return { emitted, end: step.status === 'completed' ? 'complete' : 'JobFailed', requests: index + 1 }
  }
  throw new Error('a script always ends in a terminal status')
}

describe('property: watchJob$ over any schedule of answers (virtual time)', () => {
  it('emits strictly forward statuses, no duplicates, ending in the terminal state or RetriesExhausted past the budget', async () => {
    await fc.assert(
      fc.asyncProperty(script, fc.integer({ min: 0, max: 4 }), async (steps, budget) => {
        const clock = new VirtualClock()
        let requests = 0
        const fetch: FetchLike = (_url, init) => answer(steps[Math.min(requests++, steps.length - 1)] as Step, init.signal)
        const pixii = createPixiiClient({
          apiKey: 'pk_test_property', baseUrl: 'https://api.pixii.ai', fetch, scheduler: clock.scheduler, random: () => 0.5,
          schedule: fixedSchedule(1_000), requestTimeoutMs: 5_000, retry: { maxConsecutiveFailures: budget },
        })
        const watch = record(pixii.watchJob$('job_1'), clock)
        await clock.runUntil(watch.ended)
        const statuses = watch.values.map(({ value }) => value.status)

        // What holds whatever the script: forward only, never twice, nothing after the end.
        for (let i = 1; i < statuses.length; i += 1) expect(rank[statuses[i] as JobStatus]).to.be.greaterThan(rank[statuses[i - 1] as JobStatus])
        const want = expected(steps, budget)
        if (want.end === 'RetriesExhausted') {
          expect(isPixiiError(watch.error, 'RetriesExhausted'), String(watch.error)).to.equal(true)
        } else {
          expect(statuses.at(-1)).to.equal(want.emitted.at(-1))
          if (want.end === 'complete') expect([watch.completedAt !== undefined, watch.error]).to.deep.equal([true, undefined])
          else expect(isPixiiError(watch.error, 'JobFailed') && watch.error.job.status).to.equal('failed')
        }
        // And exactly what the reference says, down to the number of requests.
        expect(statuses).to.deep.equal(want.emitted)
        expect(requests).to.equal(want.requests)
        await clock.advance(60_000)
        expect(requests, 'no request after the end').to.equal(want.requests)
      }),
      { numRuns: 150 },
    )
  })
})
