// The crash run of a catalogue: `pixii-rx batch` as a child process against `pixii-rx simulate`
// as another child process, over HTTP on loopback (live jobs scaled to about a second, limits
// raised, some answers lost and every submission answered late), killed with SIGKILL at seeded
// instants and started again until it ends on its own; then judged against the simulator's
// truth, which `pixii-rx simulate --ledger` serves at GET /_simulator/ledger.
//
// Every kill waits on an event, never on time: a POST arriving at the simulator (printed by
// `simulate --requests`; its answer is held, so the child dies between the POST and its answer),
// the k-th intent the child records (its `submitting` line), or the k-th image it writes (its
// `image` line). Before each start the ledger says which of these the start must still produce
// (rows with no job need a POST and an intent, images of completed jobs not on disk need a
// write), and only those are drawn: every planned kill happens, whatever the load.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPrng } from '../src/testing/prng.js'
import type { SimulatorLedger } from '../src/testing/ledger.js'
import { tallyImages, type ImageTally } from './imagesOnDisk.js'
import { exited, onLines, startSimulatorChild, type SimulatorChild } from './simulatorChild.js'

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
  readonly kills: {
    readonly total: number
    /** Kills on a POST's arrival at the simulator. */
    readonly atPost: number
    /** Of those, the ones the simulator saw land before its answer left (the POST's client went away unanswered). */
    readonly betweenPostAndAnswer: number
    /** Kills after the child recorded an intent (its `submitting` line). */
    readonly afterIntent: number
    /** Kills after the child wrote an image (its `image` line). */
    readonly afterImage: number
  }
  readonly adopted: number
  readonly lostAnswersInRun: number
  /** Rows with more than one job on the simulator (must be 0). */
  readonly submittedTwice: number
  /** Rows with no job, or not finished with it in the results (must be 0). */
  readonly missing: number
  readonly images: { readonly expected: number; readonly present: number; readonly wrongHash: number }
  readonly credits: { readonly spent: number; readonly ofJobs: number; readonly inResults: number }
  readonly seconds: number
  /** Starts after the planned kills because a run ended with rows left for a later run (`problem`). */
  readonly restartsForProblems: number
  /** The `problem` events seen (at most 10): failures that left a row to a later run. */
  readonly problems: readonly string[]
  /** The result lines of rows that did not end (at most 5), to say why. */
  readonly unfinished: readonly string[]
}

const kinds = ['aPlus', 'listingBuilder', 'scale'] as const
const asinOf = (index: number): string => `B0CRASH${String(index).padStart(3, '0')}`
const CREDITS = 10_000_000
/** How late the simulator answers each submission (the job exists from its arrival). */
const ANSWER_DELAY_MS = 400

function rowLine(index: number): string {
  const asin = asinOf(index)
  switch (kinds[index % kinds.length]) {
    case 'aPlus':
      return JSON.stringify({ kind: 'a-plus', id: `row-${index}`, asin, country_code: 'US', types: ['A+ Basic', 'A+ Premium'] })
    case 'listingBuilder':
      return JSON.stringify({ kind: 'listing-builder', id: `row-${index}`, asin, country_code: 'US', listing_type: 'amazon_listing' })
    default:
      return JSON.stringify({ kind: 'scale', id: `row-${index}`, asin, country_code: 'US', scale_mode: 'catalog', items: [{ preview_url: 'https://example.com/a.png', platform: 'Amazon', asset_type: 'main' }, { preview_url: 'https://example.com/b.png', platform: 'Shopify', asset_type: 'lifestyle' }] })
  }
}

/** Calls `each` with every JSON line `child` prints on stdout. */
/** The simulator of the run: live jobs in about a second, limits raised, answers lost or late. */
function startRunSimulator(cli: string, seed: number): Promise<SimulatorChild> {
  return startSimulatorChild(cli, [
    '--seed', String(seed), '--time-scale', '0.01',
    '--credits', String(CREDITS), '--per-minute', '100000', '--per-day', '1000000',
    // Some answers are lost on the way back (the job exists): the run finds them in the listing.
    // Every answer leaves late, so that a kill on a POST's arrival lands before it.
    '--lost-answers', '0.05', '--answer-delay', String(ANSWER_DELAY_MS),
    // A few jobs lose an image (its credits refunded), one fails.
    '--script', 'partial,partial,failure',
  ])
}

type Trigger = { readonly kind: 'post' | 'intent' | 'image'; readonly count: number }

const fileExists = (path: string): Promise<boolean> => readFile(path).then(() => true, () => false)

/** The events this start must still produce: rows with no job, images of completed jobs not on disk. */
async function owed(ledger: SimulatorLedger, rows: number, out: string): Promise<{ jobless: number; imagesToWrite: number }> {
  let jobless = 0
  let imagesToWrite = 0
  for (let index = 0; index < rows; index += 1) {
    const jobs = ledger.jobs.filter((job) => job.asin === asinOf(index))
    if (jobs.length === 0) jobless += 1
    // Only a row's one job is surely followed; with two, the run would be judged broken anyway.
    const [job] = jobs
    if (jobs.length !== 1 || job?.status !== 'completed') continue
    for (const image of job.images) {
      if (image !== null && !(await fileExists(join(out, job.id, `ad-${String(image.ad).padStart(2, '0')}.png`)))) imagesToWrite += 1
    }
  }
  return { jobless, imagesToWrite }
}

/**
 * Draws the next kill among the events the start must produce. The draws themselves do not
 * depend on the state (two per kill), so a seed fixes them whatever the load: an image kill when
 * the first draw says so and an image is owed; otherwise a POST or an intent, in turn, while a
 * row has no job (the first start has nothing else to owe, so the first kill is on a POST).
 */
function drawTrigger(prng: ReturnType<typeof createPrng>, due: { jobless: number; imagesToWrite: number }, so: { atPost: number; afterIntent: number }): Trigger | undefined {
  const [which, where] = [prng.next(), prng.next()]
  // Early in the start, so that a kill leaves work for the next ones.
  const nth = (most: number): number => 1 + Math.floor(where * most)
  if (due.imagesToWrite > 0 && (which < 0.4 || due.jobless === 0)) return { kind: 'image', count: nth(Math.min(3, due.imagesToWrite)) }
  if (due.jobless === 0) return undefined
  return { kind: so.atPost <= so.afterIntent ? 'post' : 'intent', count: nth(Math.min(2, due.jobless)) }
}

/** Runs the plan and judges it. */
export async function runCatalogueCrash(plan: CrashPlan): Promise<CrashFigures> {
  const started = performance.now()
  const prng = createPrng(plan.seed, 7)
  const sim = await startRunSimulator(plan.cli, plan.seed)
  const dir = await mkdtemp(join(tmpdir(), 'catalogue-crash-'))
  try {
    const rowsFile = join(dir, 'rows.ndjson')
    await writeFile(rowsFile, `${Array.from({ length: plan.rows }, (_, index) => rowLine(index)).join('\n')}\n`)
    const out = join(dir, 'out')
    const args = [
      plan.cli, 'batch', rowsFile, '--journal', join(dir, 'run.journal'), '--out', out, '--json',
      '--base-url', sim.url, '--api-key', sim.liveKey, '--per-minute', '100000', '--per-day', '1000000',
      '--concurrency', String(plan.concurrency), '--settle', '3s',
    ]
    let adopted = 0
    const problems: string[] = []
    let unfinishedAtEnd = 0
    const seen = (line: Record<string, unknown>): void => {
      if (line['kind'] === 'accepted' && line['adopted'] === true) adopted += 1
      if (line['kind'] === 'problem' && problems.length < 10) problems.push(JSON.stringify(line).slice(0, 400))
      if (line['kind'] === 'summary') unfinishedAtEnd = Number(line['unfinished'])
    }
    let restartsForProblems = 0
    const kills = { total: 0, atPost: 0, betweenPostAndAnswer: 0, afterIntent: 0, afterImage: 0 }
    const killedPosts: number[] = []
    let starts = 0
    for (;;) {
      starts += 1
      const trigger = kills.total < plan.kills ? drawTrigger(prng, await owed(await sim.ledger(), plan.rows, out), kills) : undefined
      if (kills.total < plan.kills && trigger === undefined) {
        throw new Error(`after ${kills.total} kills the run owes no event a kill could wait on: the plan (${plan.rows} rows, ${plan.kills} kills) is too tight`)
      }
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
      let stderr = ''
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const output = new Promise((resolve) => child.stdout?.once('end', resolve))
      let fired = false
      let counted = 0
      const fire = (): void => {
        if (fired) return
        fired = true
        child.kill('SIGKILL')
      }
      const stopListening = sim.onRequest((request) => {
        if (trigger?.kind !== 'post' || request.method !== 'POST' || fired) return
        counted += 1
        if (counted === trigger.count) {
          killedPosts.push(request.seq)
          fire()
        }
      })
      onLines(child, (line) => {
        seen(line)
        const kind = trigger?.kind === 'intent' ? 'submitting' : trigger?.kind
        if (trigger === undefined || trigger.kind === 'post' || line['kind'] !== kind || fired) return
        counted += 1
        if (counted === trigger.count) fire()
      })
      const code = await exited(child)
      stopListening()
      await output
      if (trigger !== undefined) {
        if (!fired) throw new Error(`start ${starts} ended with ${code} before its ${trigger.count}. ${trigger.kind}, which it owed: ${stderr}`)
        kills.total += 1
        if (trigger.kind === 'post') kills.atPost += 1
        if (trigger.kind === 'intent') kills.afterIntent += 1
        if (trigger.kind === 'image') kills.afterImage += 1
        continue
      }
      // 1: the run ended, and the one scripted failure is reported as such.
      if (code !== 1 && code !== 0) throw new Error(`the last run ended with ${code}: ${stderr}`)
      // A row left for a later run (a download that failed, say) is what a user's next start picks up.
      if (unfinishedAtEnd > 0 && restartsForProblems < 3) {
        restartsForProblems += 1
        continue
      }
      break
    }

    // The truth, as the simulator keeps it.
    const ledger = await sim.ledger()
    const aborted = new Set(ledger.requests.abortedByClient.filter((request) => request.status === null).map((request) => request.seq))
    kills.betweenPostAndAnswer = killedPosts.filter((seq) => aborted.has(seq)).length
    const results = (await readFile(join(out, 'results.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as {
      row: string; asin: string; jobId: string | null; status: string; files: string[]; credits: { charged: number; refunded: number }
    })
    let submittedTwice = 0
    let missing = 0
    const images: ImageTally = { expected: 0, present: 0, wrongHash: 0 }
    for (let index = 0; index < plan.rows; index += 1) {
      const asin = asinOf(index)
      const jobs = ledger.jobs.filter((job) => job.asin === asin)
      if (jobs.length > 1) submittedTwice += 1
      const result = results.find((line) => line.asin === asin)
      const [job] = jobs
      const ended = result?.status === 'completed' || (result?.status === 'failed' && job?.status === 'failed')
      if (job === undefined || !ended || result?.jobId !== job.id) missing += 1
      if (job === undefined || result === undefined || result.jobId !== job.id) continue
      await tallyImages(job, result.files, out, images)
    }
    const org = ledger.organisations[0]
    const ofJobs = ledger.jobs.filter((job) => job.live && job.org === org?.id).reduce((sum, job) => sum + job.creditCost - job.creditsRefunded, 0)
    const unfinished = results.filter((result) => result.status !== 'completed' && result.status !== 'failed').slice(0, 5).map((result) => JSON.stringify(result))
    const inResults = results.reduce((sum, result) => sum + result.credits.charged - result.credits.refunded, 0)
    const lostAnswersInRun = ledger.requests.faulted['reset'] ?? 0
    return {
      rows: plan.rows, starts, kills, adopted, lostAnswersInRun, submittedTwice, missing,
      images,
      credits: { spent: (org?.credits ?? 0) - (org?.left ?? 0), ofJobs, inResults },
      seconds: Math.round((performance.now() - started) / 100) / 10,
      restartsForProblems,
      problems,
      unfinished,
    }
  } finally {
    const code = await sim.stop()
    await rm(dir, { recursive: true, force: true })
    if (code !== 130) console.error(`pixii-rx simulate ended with ${code}, not 130`)
  }
}
