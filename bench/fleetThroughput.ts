// Benchmark 5: the organisation's throughput through the Redis limiter, with the limit binding,
// for 1, 2, 4 and 8 workers, twice: each worker a limiter with its own Redis connections in this
// process, then each worker a process of its own (bench/fleetWorker.ts) on one redis-server,
// started together once every one has heard from Redis. Each has more submissions queued than
// the windows allow, each "POST" answers after LATENCY_MS and spends its token. Time is scaled:
// a "minute" of WINDOW_MS. The rate is WINDOWS_COUNTED windows' worth of submissions over the time
// they took (first start to the first start of the next window), against the limit; the ceiling of a sliding window whose tokens come back one window
// after the answer is WINDOW_MS / (WINDOW_MS + LATENCY_MS) of the limit.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { lastValueFrom, merge, tap, timer } from 'rxjs'
import { createRedisLimiter } from '../src/redis/index.js'
import type { RedisSubmissionLimiter } from '../src/redis/index.js'
import { redisServerMissing, startRedisServer } from '../test/support/redisServer.js'
import type { BenchResult } from './BenchResult.js'

const PER_WINDOW = 10
const WINDOW_MS = 3_000
const LATENCY_MS = 30
const WINDOWS_COUNTED = 4
const FLEETS = [1, 2, 4, 8]

// Enough for the first submission of window WINDOWS_COUNTED + 1 (a few more at most).
const NEEDED = WINDOWS_COUNTED * PER_WINDOW + 1

type Fleet = 'one process' | 'processes'

/** The start times of the submissions of `workers` limiters in this process. */
async function startsInOneProcess(url: string, workers: number): Promise<number[]> {
  const organisation = `bench-${process.pid}-${workers}`
  const limiters: RedisSubmissionLimiter[] = Array.from({ length: workers }, () =>
    createRedisLimiter({ redis: url, organisation, limits: { perMinute: PER_WINDOW, perDay: 1_000_000 }, windows: { minuteMs: WINDOW_MS } }),
  )
  const starts: number[] = []
  const backlog = Math.ceil(NEEDED / workers)
  const submissions = limiters.flatMap((limiter) =>
    Array.from({ length: backlog }, () =>
      limiter.withToken$((token) => {
        starts.push(Date.now())
        return timer(LATENCY_MS).pipe(tap(() => token.spent()))
      }),
    ),
  )
  await lastValueFrom(merge(...submissions), { defaultValue: undefined })
  await Promise.all(limiters.map((limiter) => limiter.close()))
  return starts
}

// Compiled (npm run bench) the worker is a .js beside this file; run with tsx, a .ts.
const workerFile = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './fleetWorker.ts' : './fleetWorker.js', import.meta.url))

/** The start times of the submissions of `workers` worker processes, each with its limiter. */
async function startsInProcesses(url: string, workers: number): Promise<number[]> {
  const organisation = `bench-${process.pid}-processes-${workers}`
  const starts: number[] = []
  const children: ChildProcess[] = []
  try {
    const ready = Array.from({ length: workers }, () => {
      const child = spawn(process.execPath, [...(workerFile.endsWith('.ts') ? ['--import', 'tsx/esm'] : []), workerFile], {
        stdio: ['pipe', 'pipe', 'inherit'],
        env: {
          ...process.env, REDIS_URL: url, ORGANISATION: organisation, PER_WINDOW: String(PER_WINDOW), WINDOW_MS: String(WINDOW_MS),
          LATENCY_MS: String(LATENCY_MS), COUNT: String(Math.ceil(NEEDED / workers)),
        },
      })
      children.push(child)
      return new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
          if (line === 'ready') resolve()
          if (line.startsWith('start ')) starts.push(Number(line.slice('start '.length)))
        })
        child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`fleet worker ended with ${code}`))))
      })
    })
    await Promise.all(ready)
    const ended = children.map((child) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve))))
    for (const child of children) child.stdin?.end('go\n')
    const codes = await Promise.all(ended)
    if (codes.some((code) => code !== 0)) throw new Error(`fleet workers ended with ${codes.join(', ')}`)
    return starts
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
}

/** The rate against the limit, and the most starts in any window, of one fleet. */
async function fleetRun(url: string, workers: number, fleet: Fleet): Promise<{ readonly rate: number; readonly inAnyWindow: number }> {
  const starts = fleet === 'one process' ? await startsInOneProcess(url, workers) : await startsInProcesses(url, workers)
  const needed = NEEDED
  const sorted = [...starts].sort((a, b) => a - b)
  let inAnyWindow = 0
  for (let first = 0, last = 0; last < sorted.length; last += 1) {
    while ((sorted[last] as number) - (sorted[first] as number) >= WINDOW_MS) first += 1
    inAnyWindow = Math.max(inAnyWindow, last - first + 1)
  }
  // WINDOWS_COUNTED windows' worth of submissions went out between the first start and the first
  // of the next window's: the limit allows that in WINDOWS_COUNTED windows, no sooner.
  const elapsed = (sorted[needed - 1] as number) - (sorted[0] as number)
  return { rate: (WINDOWS_COUNTED * WINDOW_MS) / elapsed, inAnyWindow }
}

/** Runs benchmark 5 against a private redis-server (AOF, fsync always, as the guide advises). */
export async function runFleetThroughput(): Promise<BenchResult> {
  const missing = redisServerMissing()
  if (missing !== undefined) throw new Error(missing)
  const server = await startRedisServer()
  try {
    const ceiling = WINDOW_MS / (WINDOW_MS + LATENCY_MS)
    const rows: Array<Record<string, string | number>> = []
    const ratios: Array<BenchResult['ratios'][number]> = []
    for (const fleet of ['one process', 'processes'] as const) {
      let single: number | undefined
      const shown = fleet === 'one process' ? 'in one process' : 'processes'
      for (const workers of FLEETS) {
        const { rate, inAnyWindow } = await fleetRun(server.url, workers, fleet)
        single ??= rate
        rows.push({ workers, fleet: shown, 'submissions per window': (rate * PER_WINDOW).toFixed(2), 'of the limit': rate.toFixed(3), 'of the ceiling': (rate / ceiling).toFixed(3), 'most in one window': `${inAnyWindow} / ${PER_WINDOW}` })
        ratios.push({ label: `${workers} worker(s), ${shown}: rate / limit`, value: rate, target: '≥ 0.95', met: rate >= 0.95 && inAnyWindow <= PER_WINDOW })
        if (workers > 1) ratios.push({ label: `${workers} workers / 1 worker, ${shown}`, value: rate / single })
      }
    }
    return {
      title: `Benchmark 5: the fleet's submissions through one Redis limiter, limit binding (${PER_WINDOW} per ${WINDOW_MS} ms window)`,
      columns: ['workers', 'fleet', 'submissions per window', 'of the limit', 'of the ceiling', 'most in one window'],
      rows,
      ratios,
      notes: [
        `Scaled time: a window of ${WINDOW_MS} ms stands for Pixii's minute; each POST answers after ${LATENCY_MS} ms. The rate is ${WINDOWS_COUNTED} windows' worth of submissions (${WINDOWS_COUNTED * PER_WINDOW}) over the time from the first start to the first of the next window.`,
        `A token comes back one window after its answer, as the server's sliding window frees it, so the ceiling is ${ceiling.toFixed(3)} of the limit here (0.99 or more with Pixii's 60 s and a POST under 0.6 s).`,
        'In one process, each worker is a limiter with its own two Redis connections; as processes, each worker is a node process of its own (bench/fleetWorker.ts) with its limiter, all on one redis-server, started together once each has heard from Redis.',
        '"most in one window" is the largest number of submissions started in any window: never above the limit.',
      ],
    }
  } finally {
    await server.stop()
  }
}
