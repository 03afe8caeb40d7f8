// The fleet run of a shared catalogue: several `pixii-rx batch --store redis://…` worker
// processes on one catalogue, against `pixii-rx simulate` as another child process over HTTP
// (its truth read from `--ledger`: the 429s it sent, when each accepted POST arrived, every job of
// every ASIN and the hash of every image), with a real redis-server (AOF, `appendfsync always`). A fault, when planned, is set off by an event, never by a delay: the first
// worker to print its k-th `submitting` line is SIGKILLed then (its POST may be out, unanswered), or
// redis-server SIGKILLed and started again on its folder once the fleet printed k `accepted` lines.
// Then judged: no 429, no more POSTs in any minute than the limit, no row submitted twice, none
// lost, every image on disk with the bytes the server serves, and written once.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { startRedisServer } from '../test/support/redisServer.js'
import { tallyImages, type ImageTally } from './imagesOnDisk.js'
import { exited, startSimulatorChild } from './simulatorChild.js'

/** What goes wrong midway. */
export type FleetFault = 'none' | 'kill-worker' | 'restart-redis'

/** How a fleet run goes. */
export interface FleetPlan {
  /** The path of the `pixii-rx` entry to run with node (a bundle, or the compiled main.js). */
  readonly cli: string
  readonly rows: number
  readonly workers: number
  /** The organisation's limits, on the simulator and given to every worker. */
  readonly perMinute: number
  readonly perDay: number
  readonly seed: number
  /** Rows submitted at once by each worker. */
  readonly concurrency: number
  readonly fault: FleetFault
  /** kill-worker: the first worker to print its k-th `submitting` line dies then; restart-redis: after the fleet's k-th `accepted` line. */
  readonly faultAfter: number
}

/** What a fleet run saw, and what the simulator's truth says. */
export interface FleetFigures {
  readonly fault: FleetFault
  readonly rows: number
  readonly workers: number
  readonly perMinute: number
  /** POSTs the simulator answered 429 (must be 0: the limiter is shared). */
  readonly rateLimited: number
  /** POSTs the simulator accepted, and the most of them in any 60 s (at most `perMinute`). */
  readonly accepted: number
  readonly mostInAnyMinute: number
  /** Rows with more than one job on the simulator (must be 0). */
  readonly submittedTwice: number
  /** Rows without a job, or not completed with it in any worker's results (must be 0). */
  readonly missing: number
  /** Rows whose job was found in the ASIN's listing instead of submitted again. */
  readonly adopted: number
  readonly images: { readonly expected: number; readonly present: number; readonly wrongHash: number; readonly writtenTwice: number }
  /** Rows each worker submitted (its `submitting` lines), in worker order. */
  readonly submittedBy: readonly number[]
  /** The exit code of each worker (null: killed). */
  readonly exits: ReadonlyArray<number | null>
  /** The worker killed (kill-worker). */
  readonly victim: number | undefined
  /** When the fault was set off, in s from the start, and what was seen then. */
  readonly faultAt: number | undefined
  /** From the first POST to the last, in s. */
  readonly submittingSeconds: number
  readonly seconds: number
}

const MINUTE_MS = 60_000
const asinOf = (index: number): string => `B0FLEET${String(index).padStart(3, '0')}`

function rowLine(index: number): string {
  return JSON.stringify({ kind: 'a-plus', id: `row-${index}`, asin: asinOf(index), country_code: 'US', types: ['A+ Basic', 'A+ Premium'] })
}

/** The largest number of `times` (ms) inside any window of `windowMs`. */
function mostInAnyWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  for (let first = 0, last = 0; last < sorted.length; last += 1) {
    while ((sorted[last] as number) - (sorted[first] as number) >= windowMs) first += 1
    most = Math.max(most, last - first + 1)
  }
  return most
}

/** Runs the plan and judges it. */
export async function runFleet(plan: FleetPlan): Promise<FleetFigures> {
  const started = performance.now()
  // Live jobs, their two minutes scaled down to about a second; the limits are the plan's.
  const sim = await startSimulatorChild(plan.cli, [
    '--seed', String(plan.seed), '--time-scale', '0.01', '--credits', '10000000',
    '--per-minute', String(plan.perMinute), '--per-day', String(plan.perDay),
  ])
  const redis = await startRedisServer().catch(async (error: unknown) => {
    await sim.stop()
    throw error
  })
  const dir = await mkdtemp(join(tmpdir(), 'catalogue-fleet-'))
  const children: ChildProcess[] = []
  try {
    const rowsFile = join(dir, 'fleet.ndjson')
    await writeFile(rowsFile, `${Array.from({ length: plan.rows }, (_, index) => rowLine(index)).join('\n')}\n`)
    const out = join(dir, 'out')
    const argsOf = (worker: number): string[] => [
      plan.cli, 'batch', rowsFile, '--store', redis.url, '--out', out, '--results', join(dir, `results-${worker}.ndjson`), '--json',
      '--base-url', sim.url, '--api-key', sim.liveKey, '--per-minute', String(plan.perMinute), '--per-day', String(plan.perDay),
      '--concurrency', String(plan.concurrency), '--settle', '3s', '--lease', '6s',
    ]
    const submittedBy = Array.from({ length: plan.workers }, () => 0)
    const written = new Map<string, number>()
    let acceptedLines = 0
    let adopted = 0
    let faultAt: number | undefined
    let victim: number | undefined
    let fault: Promise<void> = Promise.resolve()
    const stderr: string[] = Array.from({ length: plan.workers }, () => '')
    const setOff = (action: () => Promise<void>): void => {
      if (faultAt !== undefined) return
      faultAt = Math.round((performance.now() - started) / 100) / 10
      fault = action()
    }
    for (let worker = 0; worker < plan.workers; worker += 1) {
      const child = spawn(process.execPath, argsOf(worker), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
      children.push(child)
      child.stderr?.on('data', (chunk: Buffer) => (stderr[worker] += chunk.toString()))
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
        const line = JSON.parse(text) as Record<string, unknown>
        if (line['kind'] === 'submitting') {
          submittedBy[worker] = (submittedBy[worker] as number) + 1
          if (plan.fault === 'kill-worker' && faultAt === undefined && submittedBy[worker] === plan.faultAfter) {
            victim = worker
            setOff(async () => {
              child.kill('SIGKILL')
              await exited(child)
            })
          }
        }
        if (line['kind'] === 'accepted') {
          acceptedLines += 1
          if (line['adopted'] === true) adopted += 1
          if (plan.fault === 'restart-redis' && acceptedLines === plan.faultAfter) setOff(() => redis.restart())
        }
        if (line['kind'] === 'image') {
          const key = `${String(line['jobId'])}#${String(line['adIndex'])}`
          written.set(key, (written.get(key) ?? 0) + 1)
        }
      })
    }
    const exits = await Promise.all(children.map(exited))
    await fault
    for (const [worker, code] of exits.entries()) {
      const killed = worker === victim
      if (code !== 0 && !killed) throw new Error(`worker ${worker} ended with ${code}: ${stderr[worker]}`)
    }
    if (plan.fault !== 'none' && faultAt === undefined) throw new Error(`the ${plan.fault} fault was never set off (faultAfter ${plan.faultAfter} too late)`)

    // The truth, from the simulator's ledger: what it answered, every job of every ASIN, the
    // hash of every image it serves.
    const ledger = await sim.ledger()
    const rateLimited = ledger.requests.rateLimited
    const acceptedAt = ledger.requests.submissionsAcceptedAt
    type Result = { asin: string; jobId: string | null; status: string; files: string[] }
    const results: Result[] = []
    for (let worker = 0; worker < plan.workers; worker += 1) {
      const text = await readFile(join(dir, `results-${worker}.ndjson`), 'utf8').catch(() => '')
      for (const line of text.split('\n')) if (line.trim() !== '') results.push(JSON.parse(line) as Result)
    }
    let submittedTwice = 0
    let missing = 0
    const images: ImageTally = { expected: 0, present: 0, wrongHash: 0 }
    for (let index = 0; index < plan.rows; index += 1) {
      const jobs = ledger.jobs.filter((job) => job.asin === asinOf(index))
      if (jobs.length > 1) submittedTwice += 1
      const job = jobs[0]
      const result = results.find((line) => line.asin === asinOf(index) && line.status === 'completed' && line.jobId === job?.id)
      if (job === undefined || result === undefined) {
        missing += 1
        continue
      }
      await tallyImages(job, result.files, out, images)
    }
    const sortedPosts = [...acceptedAt].sort((a, b) => a - b)
    return {
      fault: plan.fault,
      rows: plan.rows,
      workers: plan.workers,
      perMinute: plan.perMinute,
      rateLimited,
      accepted: acceptedAt.length,
      mostInAnyMinute: mostInAnyWindow(acceptedAt, MINUTE_MS),
      submittedTwice,
      missing,
      adopted,
      images: { ...images, writtenTwice: [...written.values()].filter((count) => count > 1).length },
      submittedBy,
      exits,
      victim,
      faultAt,
      submittingSeconds: sortedPosts.length < 2 ? 0 : Math.round(((sortedPosts.at(-1) as number) - (sortedPosts[0] as number)) / 100) / 10,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    }
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    const simulateExit = await sim.stop()
    await redis.stop()
    await rm(dir, { recursive: true, force: true })
    if (simulateExit !== 130) console.error(`pixii-rx simulate ended with ${simulateExit}, not 130`)
  }
}
