// `npm run bench`: the three benchmarks of issue 8 in one process, each printed as a table with
// its ratios against baselines measured in the same run; a full run also writes
// docs/benchmarks.md and docs/benchmarks-requests-vs-latency.svg.
// Arguments pick some of them (requests, overhead, decoding, robustness, fleet); a partial run writes nothing.
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchOutcome } from './BenchOutcome.js'
import type { BenchResult } from './BenchResult.js'
import { runClientOverhead } from './clientOverhead.js'
import { runDecoding } from './decoding.js'
import { runFleetThroughput } from './fleetThroughput.js'
import { ratioLines, textTable } from './formatTable.js'
import { describeMachine } from './machine.js'
import { plotSvg } from './plotSvg.js'
import { runRobustness } from './robustness.js'
import { renderReport } from './writeReport.js'

type Run = () => Promise<BenchResult>

interface Bench {
  readonly key: string
  readonly title: string
  /** The benchmark, or why it cannot run. */
  readonly load: () => Promise<Run | string>
}

const PLOT_FILE = 'benchmarks-requests-vs-latency.svg'

/** The repository: the first folder up from here with a package.json (run compiled, here is .tmp/bench/bench). */
function repositoryRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder)
  return folder
}
const docs = join(repositoryRoot(), 'docs')

/** Benchmark 1 is loaded only when it exists, so that the runner works without it. */
async function loadRequestsVsLatency(): Promise<Run | string> {
  const specifier = './requestsVsLatency.js'
  try {
    const module = (await import(specifier)) as { runRequestsVsLatency?: Run }
    return module.runRequestsVsLatency ?? 'bench/requestsVsLatency.ts does not export runRequestsVsLatency'
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    if (code === 'ERR_MODULE_NOT_FOUND' && String(error).includes('requestsVsLatency')) return 'bench/requestsVsLatency.ts is not there yet'
    throw error
  }
}

const benches: readonly Bench[] = [
  { key: 'requests', title: 'Benchmark 1: requests vs latency', load: loadRequestsVsLatency },
  { key: 'overhead', title: 'Benchmark 2: client overhead over real HTTP', load: () => Promise.resolve(runClientOverhead) },
  { key: 'decoding', title: 'Benchmark 3: decoding cost', load: () => Promise.resolve(runDecoding) },
  { key: 'robustness', title: 'Benchmark 4: the default schedule in the field', load: () => Promise.resolve(() => runRobustness()) },
  { key: 'fleet', title: 'Benchmark 5: one Redis limiter for a fleet of workers', load: () => Promise.resolve(runFleetThroughput) },
]

async function runOne(bench: Bench): Promise<BenchOutcome> {
  console.log(`\n=== ${bench.title} ===`)
  try {
    const run = await bench.load()
    if (typeof run === 'string') {
      console.log(`Skipped: ${run}.`)
      return { kind: 'missing', key: bench.key, title: bench.title, reason: run }
    }
    const started = performance.now()
    const result = await run()
    const seconds = (performance.now() - started) / 1000
    console.log(`${result.title}\n\n${textTable(result)}\n`)
    for (const line of ratioLines(result)) console.log(`  ${line}`)
    for (const note of result.notes) console.log(`  - ${note}`)
    console.log(`  (${seconds.toFixed(0)} s)`)
    return { kind: 'done', key: bench.key, result, seconds }
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
    console.error(`Failed: ${message}`)
    return { kind: 'failed', key: bench.key, title: bench.title, error: error instanceof Error ? error.message : String(error) }
  }
}

const picked = process.argv.slice(2)
const unknown = picked.filter((key) => !benches.some((bench) => bench.key === key))
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}; choose from ${benches.map((bench) => bench.key).join(', ')}.`)
  process.exit(2)
}
if (import.meta.url.endsWith('.ts')) {
  console.warn('Running from source through tsx: its keepNames transform inflates heap and CPU figures. `npm run bench` runs them compiled.')
}

const machine = describeMachine()
console.log(`${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadAtStart.toFixed(2)}`)
const outcomes: BenchOutcome[] = []
for (const bench of benches) if (picked.length === 0 || picked.includes(bench.key)) outcomes.push(await runOne(bench))

if (picked.length === 0) {
  const plotted = outcomes.find((outcome) => outcome.kind === 'done' && outcome.result.plot !== undefined)
  let plotFile: string | undefined
  if (plotted?.kind === 'done' && plotted.result.plot !== undefined) {
    plotFile = PLOT_FILE
    await writeFile(join(docs, PLOT_FILE), plotSvg('Requests per job vs p95 completion-detection latency', plotted.result.plot))
  }
  await writeFile(join(docs, 'benchmarks.md'), renderReport(machine, outcomes, plotFile, loadavg()[0] ?? 0))
  console.log(`\nWrote docs/benchmarks.md${plotFile === undefined ? ' (no plot: benchmark 1 did not run)' : ` and docs/${plotFile}`}.`)
} else {
  console.log('\nA partial run: docs/benchmarks.md is left as it was.')
}
if (outcomes.some((outcome) => outcome.kind === 'failed')) process.exitCode = 1
