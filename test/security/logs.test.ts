import { expect } from 'chai'
import { inspect } from 'node:util'
import { asyncScheduler, catchError, merge, of, toArray } from 'rxjs'
import { runCli } from '../../src/cli/runCli.js'
import type { PollEvent } from '../../src/index.js'
import { jobEvents, toNdjson } from '../../src/node/index.js'
import { startSimulator } from '../../src/testing/index.js'
import { harness, record } from '../support/watchHarness.js'

// A key of no known shape: only the configured-secret redaction can hide it, not the pk_ pattern.
const marked = 'MARKED-secret-7f3a9c-of-no-known-shape'
const signature = /signature=[0-9a-f]{64}/

function scan(texts: readonly string[], keys: readonly string[]): void {
  for (const text of texts) {
    for (const key of keys) expect(text, text.slice(0, 300)).not.to.contain(key)
    expect(text, text.slice(0, 300)).not.to.match(signature)
  }
}

async function ndjsonOf(values: readonly unknown[], redact?: boolean): Promise<string> {
  const stream = toNdjson(redact === undefined ? {} : { redact })
  const chunks: string[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()))
  for (const value of values) stream.write(value)
  stream.end()
  await new Promise((resolve) => stream.once('end', resolve))
  return chunks.join('')
}

describe('no key and no URL signature in telemetry, NDJSON logs or CLI output', () => {
  it('onPoll events (JSON and inspect) and toNdjson lines, across every transient and fatal outcome', async () => {
    const h = await harness()
    try {
      const { sim } = h
      const events: PollEvent[] = []
      const onPoll = (event: PollEvent): void => void events.push(event)
      for (const fault of [
        { kind: 'status', status: 503 }, { kind: 'rate-limit', retryAfter: 1 }, { kind: 'reset' }, { kind: 'html' }, { kind: 'empty' },
        { kind: 'malformed-json' }, { kind: 'redirect', location: `http://127.0.0.2:9/steal?key=${sim.liveKey}` },
      ] as const) sim.faults.rate(fault, 0.08)
      const pixii = h.client({ apiKey: sim.liveKey, onPoll, retry: { maxConsecutiveFailures: 20 } })
      const ids = [
        ...Array.from({ length: 4 }, () => sim.createJob({ key: sim.liveKey, queuedMs: 500, processingMs: 2_000, adCount: 2 })),
        sim.createJob({ key: sim.liveKey, queuedMs: 0, processingMs: 100, outcome: { kind: 'failure', errorCode: 'GENERATION_FAILED' } }),
      ]
      const watched = record(
        merge(...ids.map((id) => pixii.watchJob$(id).pipe(jobEvents(id, h.clock.scheduler), catchError((error: unknown) => of({ kind: 'error', error }))))).pipe(toArray()),
        h.clock,
      )
      // Fatal outcomes: a key the server does not know, and a job that is not there.
      const refused = record(h.client({ apiKey: marked, onPoll }).watchJob$(ids[0] as string), h.clock)
      const missing = record(h.client({ apiKey: sim.liveKey, onPoll }).watchJob$('job_missing'), h.clock)
      await h.clock.runUntil(() => watched.ended() && refused.ended() && missing.ended())

      const outcomes = new Set(events.map((event) => (event.outcome.kind === 'error' ? event.outcome.error._tag : event.outcome.kind)))
      expect([...outcomes].sort()).to.include.members(['Network', 'RateLimited', 'Server', 'Unauthorized', 'JobNotFound', 'job'])
      const keys = [sim.liveKey, sim.testKey, marked]
      scan(events.flatMap((event) => [JSON.stringify(event), inspect(event, { depth: 10, showHidden: true })]), keys)

      const logged = [...events, ...(watched.values[0]?.value ?? []), refused.error, missing.error]
      const lines = await ndjsonOf(logged)
      expect(lines.split('\n').length).to.be.greaterThan(events.length)
      expect(lines).to.contain('signature=[redacted]') // the completed jobs' image URLs were there
      scan([lines], keys)
      // The events and errors carry no key even before toNdjson's own redaction.
      for (const key of keys) expect(await ndjsonOf(logged, false)).not.to.contain(key)
    } finally {
      await h.close()
    }
  })

  it('the CLI (in-process): watch output and errors, for a refused marked key and for network trouble', async () => {
    const sim = await startSimulator({ scheduler: asyncScheduler })
    try {
      const run = async (args: readonly string[], env: Record<string, string>) => {
        let out = ''
        const io = {
          stdout: { write: (text: string) => ((out += text), true) }, stderr: { write: (text: string) => ((out += text), true) },
          env, scheduler: asyncScheduler, stop: new AbortController().signal,
        }
        return { code: await runCli(args, io), out }
      }
      const id = sim.createJob({ key: sim.testKey, queuedMs: 0, processingMs: 50, adCount: 2 })
      const env = { PIXII_BASE_URL: sim.url, PIXII_API_KEY: sim.testKey }
      const runs = await Promise.all([
        run(['watch', id, '--json'], env),
        run(['watch', id], { ...env, PIXII_API_KEY: marked }),
        run(['watch', id, '--api-key', marked], env),
        run(['watch', id, '--base-url', 'http://127.0.0.1:1', '--max-retries', '0'], { ...env, PIXII_API_KEY: marked }),
        run(['list', '--asin', 'B0CHX1W1XY'], { ...env, PIXII_API_KEY: marked }),
      ])
      expect(runs.map((r) => r.code)).to.deep.equal([0, 3, 3, 4, 3])
      // A `job` event is the job as Pixii sent it: its signed URLs are data the user asked for.
      // Every other line (errors, the summary, the other commands' output) is a log.
      const json = runs[0]?.out ?? ''
      expect(json).to.match(signature)
      for (const key of [marked, sim.testKey, sim.liveKey]) expect(json).not.to.contain(key)
      const logLines = json.split('\n').filter((line) => line !== '' && !line.startsWith('{"kind":"job"'))
      expect(logLines.length).to.be.greaterThan(0)
      scan([...logLines, ...runs.slice(1).map((r) => r.out)], [marked, sim.testKey, sim.liveKey])
    } finally {
      await sim.close()
    }
  })

  it('a value that holds the key is still redacted by toNdjson (pk_ keys and signed URLs)', async () => {
    const lines = await ndjsonOf([{ url: 'https://img.example/a.png?expires=1&signature=' + 'ab'.repeat(32), key: 'pk_live_abc123' }])
    expect(lines).to.equal('{"url":"https://img.example/a.png?expires=[redacted]&signature=[redacted]","key":"pk_[redacted]"}\n')
  })
})
