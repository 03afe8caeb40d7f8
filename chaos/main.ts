// `npm run chaos` (through scripts/chaos.mjs, compiled, with --expose-gc): a short warm-up run,
// then the measured run of issue 9 between two snapshots of the process (active resources,
// heap after GC). Prints the figures; a full run (the default 2,000 jobs) also writes
// docs/reliability.md. Sets a non-zero exit code if a promise is broken, and never calls
// process.exit: the process must end on its own, which scripts/chaos.mjs checks.
import { execFileSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { describeMachine } from '../bench/machine.js'
import { figureRows, textRows } from './figureRows.js'
import { FULL_RUN, fullRun } from './fullRun.js'
import { heapAfterGc, type ProcessCheck } from './ProcessCheck.js'
import { renderReliabilityDoc } from './renderReliabilityDoc.js'

const DEFAULT_JOBS = 2_000
const DEFAULT_SEED = 20_260_509
const HEAP_BOUND = 4 * 2 ** 20
const WARM_UP_JOBS = 200

/** The commit the run measured, and whether src/ had uncommitted changes (others work in the same tree). */
function revision(): string {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8' }).trim()
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src') === '' ? '' : ' + uncommitted changes in src/'}`
  } catch {
    return 'unknown'
  }
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  const value = at === -1 ? fallback : Number(process.argv[at + 1])
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`chaos: --${name} must be a positive integer`)
  return value
}

/** Sockets and servers just closed leave the list of active resources a few turns later. */
async function settleHandles(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve))
}

async function main(): Promise<void> {
  const jobs = option('jobs', DEFAULT_JOBS)
  const seed = option('seed', DEFAULT_SEED)
  const machine = describeMachine()
  console.log(`chaos: ${jobs} jobs, seed ${seed}, on ${machine.cpu} (${machine.cores} cores), load ${machine.loadAtStart.toFixed(2)}`)
  // The warm-up loads and compiles everything once, so that the heap comparison is about the run.
  await fullRun(WARM_UP_JOBS, seed + 1)
  await settleHandles()
  const resourcesBefore = process.getActiveResourcesInfo()
  const heapBefore = heapAfterGc()
  const started = performance.now()
  const figures = await fullRun(jobs, seed)
  const wallMs = performance.now() - started
  await settleHandles()
  const check: ProcessCheck = { resourcesBefore, resourcesAfter: process.getActiveResourcesInfo(), heapBefore, heapAfter: heapAfterGc(), heapBound: HEAP_BOUND }
  const rows = figureRows(figures, check)
  console.log(`\n${textRows(rows)}\n`)
  console.log(`wall time of the run: ${(wallMs / 1000).toFixed(1)} s (watching ${(figures.durationMs / 1000).toFixed(1)} s, then ${FULL_RUN.quietMs / 1000} s quiet)`)
  for (const sample of figures.processSamples) console.log(sample)
  const broken = rows.filter((row) => row.broken)
  if (jobs === DEFAULT_JOBS) {
    const doc = renderReliabilityDoc({ machine, revision: revision(), warmUpJobs: WARM_UP_JOBS, loadAtEnd: loadavg()[0] ?? 0, figures, rows, wallMs, settings: FULL_RUN })
    await writeFile(new URL('../../../docs/reliability.md', import.meta.url), doc)
    console.log('wrote docs/reliability.md')
  }
  if (broken.length > 0) {
    console.log(`BROKEN: ${broken.map((row) => row.label.trim()).join(', ')}`)
    process.exitCode = 1
  }
  console.log('chaos: done')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 2
})
