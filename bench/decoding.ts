import { Job } from '../src/index.js'
import { createSimulator } from '../src/testing/index.js'
import type { BenchResult } from './BenchResult.js'
import { median } from './median.js'

const BATCHES = 7
const BATCH_MS = 150

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

/** Nanoseconds per call of `run`: the median of several timed batches, after a warm-up. */
function nanosPerCall(run: () => unknown): number {
  let sink: unknown
  let calls = 1
  // Warm up (and let the JIT settle) while finding how many calls fill a batch.
  for (;;) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < calls; i++) sink = run()
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    if (ms >= BATCH_MS / 4) {
      calls = Math.max(1, Math.round((calls * BATCH_MS) / ms))
      break
    }
    calls *= 4
  }
  const perBatch: number[] = []
  for (let batch = 0; batch < BATCHES; batch++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < calls; i++) sink = run()
    perBatch.push(Number(process.hrtime.bigint() - start) / calls)
  }
  if (sink === undefined) throw new Error('nothing was computed')
  return median(perBatch)
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
    const parse = nanosPerCall(() => JSON.parse(text))
    const parseAndDecode = nanosPerCall(() => decodeOrThrow(JSON.parse(text)))
    const decode = nanosPerCall(() => decodeOrThrow(parsed))
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
      `Each figure is the median of ${BATCHES} timed batches of about ${BATCH_MS} ms after a warm-up, on one core, in this process.`,
      '"Job.decode alone" decodes an already parsed value; the transport parses once and decodes once per poll.',
    ],
  }
}
