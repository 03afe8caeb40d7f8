// The crash run of a catalogue: `pixii-rx batch` as a child process against the simulator over
// HTTP (the simulator `pixii-rx simulate` serves, started here so that its truth can be read),
// killed with SIGKILL at seeded random instants and started again until it ends on its own;
// then judged against the simulator's truth. Every kill waits on an event (a line of the child's
// NDJSON, or a POST arriving at the simulator), never on time.
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { filter, firstValueFrom, lastValueFrom, toArray } from 'rxjs'
import { createPixiiClient } from '../src/client/createPixiiClient.js'
import type { Job } from '../src/codecs/Job.js'
import { createPrng } from '../src/testing/prng.js'
import { startSimulator } from '../src/testing/startSimulator.js'

/** How a crash run goes. */
export interface CrashPlan {
  /** The path of the `pixii-rx` entry to run with node (a bundle, or the compiled main.js). */
  readonly cli: string
  readonly rows: number
  /** Kills before the run is let to finish. */
  readonly kills: number
  readonly seed: number
  /** Rows submitted at once by each child. */
  readonly concurrency: number
}

/** What a crash run saw, and what the truth says. */
export interface CrashFigures {
  readonly rows: number
  readonly starts: number
  readonly kills: { readonly total: number; readonly betweenPostAndAnswer: number; readonly afterLine: number }
  readonly adopted: number
  readonly lostAnswersInRun: number
  /** Rows with more than one job on the simulator (must be 0). */
  readonly submittedTwice: number
  /** Rows with no job, or not completed in the results (must be 0). */
  readonly missing: number
  readonly images: { readonly expected: number; readonly present: number; readonly wrongHash: number }
  readonly credits: { readonly spent: number; readonly ofJobs: number; readonly inResults: number }
  readonly seconds: number
  /** The result lines of rows that did not end (at most 5), to say why. */
  readonly unfinished: readonly string[]
}

const kinds = ['aPlus', 'listingBuilder', 'scale'] as const

function rowLine(index: number): string {
  const asin = `B0CRASH${String(index).padStart(3, '0')}`
  switch (kinds[index % kinds.length]) {
    case 'aPlus':
      return JSON.stringify({ kind: 'a-plus', id: `row-${index}`, asin, country_code: 'US', types: ['A+ Basic', 'A+ Premium'] })
    case 'listingBuilder':
      return JSON.stringify({ kind: 'listing-builder', id: `row-${index}`, asin, country_code: 'US', listing_type: 'amazon_listing' })
    default:
      return JSON.stringify({ kind: 'scale', id: `row-${index}`, asin, country_code: 'US', scale_mode: 'catalog', items: [{ preview_url: 'https://example.com/a.png', platform: 'Amazon', asset_type: 'main' }, { preview_url: 'https://example.com/b.png', platform: 'Shopify', asset_type: 'lifestyle' }] })
  }
}

/** Resolves when the child has printed `count` progress lines (limiter lines aside), or has exited. */
function afterLines(child: ChildProcess, count: number, seen: (line: Record<string, unknown>) => void): Promise<'line' | 'exited'> {
  return new Promise((resolve) => {
    let text = ''
    let lines = 0
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n')) {
        const line = JSON.parse(text.slice(0, end)) as Record<string, unknown>
        text = text.slice(end + 1)
        seen(line)
        if (line['kind'] !== 'limiter') lines += 1
        if (lines === count) resolve('line')
      }
    })
    child.once('exit', () => resolve('exited'))
  })
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)))

/** Runs the plan and judges it. */
export async function runCatalogueCrash(plan: CrashPlan): Promise<CrashFigures> {
  const started = performance.now()
  const prng = createPrng(plan.seed, 7)
  // Live jobs (test keys spend no credits), their two minutes scaled down to about a second.
  const sim = await startSimulator({ seed: plan.seed, timeScale: 0.01, credits: 10_000_000, rateLimits: { perMinute: 100_000, perDay: 1_000_000 } })
  const dir = await mkdtemp(join(tmpdir(), 'catalogue-crash-'))
  try {
    // Some answers are lost on the way back (the job exists): the run finds them in the listing.
    sim.faults.rate({ kind: 'reset' }, 0.05, { match: { method: 'POST' } })
    // A few jobs lose an image (its credits refunded), one fails.
    sim.script({ kind: 'partial', failedAds: 1, errorCode: 'CONTENT_POLICY' }, { times: 2 })
    sim.script({ kind: 'failure', errorCode: 'GENERATION_FAILED' })
    const rowsFile = join(dir, 'rows.ndjson')
    await writeFile(rowsFile, `${Array.from({ length: plan.rows }, (_, index) => rowLine(index)).join('\n')}\n`)
    const out = join(dir, 'out')
    const args = [
      plan.cli, 'batch', rowsFile, '--journal', join(dir, 'run.journal'), '--out', out, '--json',
      '--base-url', sim.url, '--api-key', sim.liveKey, '--per-minute', '100000', '--per-day', '1000000',
      '--concurrency', String(plan.concurrency), '--settle', '3s',
    ]
    let adopted = 0
    let lostAnswersInRun = 0
    const seen = (line: Record<string, unknown>): void => {
      if (line['kind'] === 'accepted' && line['adopted'] === true) adopted += 1
    }
    const kills = { total: 0, betweenPostAndAnswer: 0, afterLine: 0 }
    let starts = 0
    let exitCode: number | null = null
    for (;;) {
      starts += 1
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
      let stderr = ''
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      if (kills.total >= plan.kills) {
        void afterLines(child, Number.POSITIVE_INFINITY, seen)
        exitCode = await exited(child)
        // 1: the run ended, and the one scripted failure is reported as such.
        if (exitCode !== 1 && exitCode !== 0) throw new Error(`the last run ended with ${exitCode}: ${stderr}`)
        break
      }
      if (prng.next() < 0.4) {
        // Between the POST and its answer: the next POST is held on the server, and the child dies
        // as soon as it arrives (the server creates the job later, or never hears of it again).
        const after = sim.log.length
        sim.faults.inject({ kind: 'latency', ms: 1_500 }, { times: 1, match: { method: 'POST' } })
        const posted = firstValueFrom(sim.requests$.pipe(filter((request) => request.seq > after && request.method === 'POST' && request.fault === 'latency')))
        void afterLines(child, Number.POSITIVE_INFINITY, seen)
        const first = await Promise.race([posted.then(() => 'posted' as const), exited(child).then(() => 'exited' as const)])
        sim.faults.clear()
        sim.faults.rate({ kind: 'reset' }, 0.05, { match: { method: 'POST' } })
        if (first === 'exited') {
          exitCode = child.exitCode
          if (exitCode !== 1 && exitCode !== 0) throw new Error(`a run ended with ${exitCode}: ${stderr}`)
          break
        }
        child.kill('SIGKILL')
        kills.betweenPostAndAnswer += 1
      } else {
        const when = await afterLines(child, prng.int(1, 40), seen)
        if (when === 'exited') {
          exitCode = child.exitCode
          if (exitCode !== 1 && exitCode !== 0) throw new Error(`a run ended with ${exitCode}: ${stderr}`)
          break
        }
        child.kill('SIGKILL')
        kills.afterLine += 1
      }
      kills.total += 1
      await exited(child)
    }
    lostAnswersInRun = sim.log.filter((request) => request.method === 'POST' && request.fault === 'reset').length

    // The truth: every job of every row's ASIN, on the simulator.
    const client = createPixiiClient({ apiKey: sim.liveKey, baseUrl: sim.url })
    const results = (await readFile(join(out, 'results.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as {
      row: string; asin: string; jobId: string | null; status: string; files: string[]; credits: { charged: number; refunded: number }
    })
    let submittedTwice = 0
    let missing = 0
    let expected = 0
    let present = 0
    let wrongHash = 0
    let ofJobs = 0
    for (let index = 0; index < plan.rows; index += 1) {
      const asin = `B0CRASH${String(index).padStart(3, '0')}`
      const jobs = await lastValueFrom(client.listJobs$(asin).pipe(toArray()))
      if (jobs.length > 1) submittedTwice += 1
      const result = results.find((line) => line.asin === asin)
      const ended = result?.status === 'completed' || (result?.status === 'failed' && jobs[0]?.status === 'failed')
      if (jobs.length === 0 || !ended || result?.jobId !== jobs[0]?.id) missing += 1
      for (const summary of jobs) {
        const job: Job = await lastValueFrom(client.getJob$(summary.id))
        ofJobs += job.credit_cost - job.credits_refunded
        for (const [adIndex, ad] of (job.output?.ads ?? []).entries()) {
          if (ad.preview_url === null || job.id !== result?.jobId) continue
          expected += 1
          const file = result.files.find((name) => name.startsWith(`${job.id}/ad-${String(adIndex + 1).padStart(2, '0')}.`))
          if (file === undefined) continue
          const onDisk = await readFile(join(out, file)).catch(() => undefined)
          if (onDisk === undefined) continue
          present += 1
          const served = Buffer.from(await (await fetch(ad.preview_url)).arrayBuffer())
          const hash = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')
          if (hash(served) !== hash(onDisk)) wrongHash += 1
        }
      }
    }
    const unfinished = results.filter((result) => result.status !== 'completed' && result.status !== 'failed').slice(0, 5).map((result) => JSON.stringify(result))
    const inResults = results.reduce((sum, result) => sum + result.credits.charged - result.credits.refunded, 0)
    return {
      rows: plan.rows, starts, kills, adopted, lostAnswersInRun, submittedTwice, missing,
      images: { expected, present, wrongHash },
      credits: { spent: 10_000_000 - sim.balance(sim.liveKey), ofJobs, inResults },
      seconds: Math.round((performance.now() - started) / 100) / 10,
      unfinished,
    }
  } finally {
    await sim.close()
    await rm(dir, { recursive: true, force: true })
  }
}
