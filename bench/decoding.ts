import { Job } from '../src/index.js'
import { createSimulator } from '../src/testing/index.js'
import type { BenchResult } from './BenchResult.js'

const ROUNDS = 150
const BATCH_MS = 5

/** Bodies exactly as the simulator serves `GET /v1/api/jobs/{id}`. */
async function jobBodies(): Promise<{ completed: string; processing: string }> {
  const simulator = createSimulator({ seed: 8 })
  const headers = { authorization: `Bearer ${simulator.testKey}` }
  const body = async (id: string): Promise<string> => (await simulator.fetch(`/v1/api/jobs/${id}`, { headers })).text()
  const done = simulator.createJob({ key: simulator.testKey, jobType: 'Scale', adCount: 10, queuedMs: 0, processingMs: 0 })
  const running = simulator.createJob({ key: simulator.testKey, jobType: 'Scale', adCount: 10, queuedMs: 0, processingMs: 1e12 })
  const bodies = { completed: await body(done), processing: await body(running) }
  await simulator.close()
  return bodies
}

/** How many calls of `run` take about one batch, found while warming it up. */
function callsPerBatch(run: () => unknown): number {
  for (let calls = 1; ; calls *= 4) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < calls; i++) run()
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    if (ms >= BATCH_MS / 4) return Math.max(1, Math.round((calls * BATCH_MS) / ms))
  }
}

/**
 * Nanoseconds per call of each function: batches of each run in turn, round after round, so that
 * whatever else the machine does falls on all of them alike; each keeps its fastest batch, as
 * other processes can only add time.
 */
function nanosPerCall(runs: ReadonlyArray<() => unknown>): number[] {
  const calls = runs.map(callsPerBatch)
  const best = runs.map(() => Number.POSITIVE_INFINITY)
  let sink: unknown
  for (let round = 0; round < ROUNDS; round++) {
    runs.forEach((run, k) => {
      const n = calls[k] ?? 1
      const start = process.hrtime.bigint()
      for (let i = 0; i < n; i++) sink = run()
      best[k] = Math.min(best[k] ?? Number.POSITIVE_INFINITY, Number(process.hrtime.bigint() - start) / n)
    })
  }
  if (sink === undefined) throw new Error('nothing was computed')
  return best
}

function decodeOrThrow(value: unknown): Job {
  const decoded = Job.decode(value)
  if (decoded._tag === 'Left') throw new Error('the simulator served a job that the Job codec rejects')
  return decoded.right
}

/**
 * Benchmark 3: what io-ts decoding adds to `JSON.parse`, per job, for the body of a completed
 * job with 10 ads and for that of a processing job (what most polls see).
 */
export async function runDecoding(): Promise<BenchResult> {
  const bodies = await jobBodies()
  const cases = [
    { name: 'completed job, 10 ads', text: bodies.completed },
    { name: 'processing job (output null)', text: bodies.processing },
  ]
  const measured = cases.map(({ name, text }) => {
    const parsed: unknown = JSON.parse(text)
    decodeOrThrow(parsed)
    const [parse = Number.NaN, parseAndDecode = Number.NaN, decode = Number.NaN] = nanosPerCall([
      (): unknown => JSON.parse(text),
      () => decodeOrThrow(JSON.parse(text)),
      () => decodeOrThrow(parsed),
    ])
    return { name, bytes: Buffer.byteLength(text), parse, parseAndDecode, decode }
  })
  const micros = (ns: number): number => ns / 1000
  const completed = measured[0]
  return {
    title: 'Benchmark 3: decoding cost (io-ts Job codec vs JSON.parse), per job',
    columns: ['body', 'bytes', 'JSON.parse (µs)', 'JSON.parse + Job.decode (µs)', 'Job.decode alone (µs)', 'decode / parse'],
    rows: measured.map((m) => ({
      body: m.name,
      bytes: m.bytes,
      'JSON.parse (µs)': micros(m.parse),
      'JSON.parse + Job.decode (µs)': micros(m.parseAndDecode),
      'Job.decode alone (µs)': micros(m.decode),
      'decode / parse': m.decode / m.parse,
    })),
    ratios:
      completed === undefined
        ? []
        : [
            { label: 'completed job, 10 ads: (JSON.parse + Job.decode) / JSON.parse', value: completed.parseAndDecode / completed.parse },
            { label: 'completed job, 10 ads: Job.decode alone / JSON.parse', value: completed.decode / completed.parse },
          ],
    notes: [
      'Bodies are exactly what the simulator serves for GET /v1/api/jobs/{id} (a Scale job with 10 ads and signed URLs, and a processing one).',
      `Each figure is the fastest of ${ROUNDS} batches of about ${BATCH_MS} ms, after a warm-up; the three are measured in turn, round after round, on one core, in this process.`,
      '"Job.decode alone" decodes an already parsed value; the transport parses once and decodes once per poll.',
    ],
  }
}
