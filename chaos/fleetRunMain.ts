// `npm run chaos`, third part (scripts/chaos.mjs runs it after the catalogue crash run): the full
// fleet run of a shared catalogue, with the compiled CLI: four `pixii-rx batch --store redis://…`
// workers on one 400-row catalogue, with the limit binding, three times (no fault, one worker
// SIGKILLed midway, redis-server restarted midway). Prints the figures, writes them into their
// section of docs/reliability.md, and sets a non-zero exit code if a promise is broken.
import { readFile, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { runFleet, type FleetFault, type FleetFigures } from './fleetRun.js'

const START = '<!-- fleet run: written by chaos/fleetRunMain.ts -->'
const END = '<!-- end of the fleet run -->'
// Notes written by hand under the table (between NOTES and END) are kept from one run to the next.
const NOTES = '<!-- notes on the fleet run -->'

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  const value = at === -1 ? fallback : Number(process.argv[at + 1])
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`chaos: --${name} must be a positive integer`)
  return value
}

const rows = option('fleet-rows', 400)
const perMinute = option('fleet-per-minute', 150)
const seed = option('fleet-seed', 20_261_207)
const base = { cli: fileURLToPath(new URL('../src/cli/main.js', import.meta.url)), rows, workers: 4, perMinute, perDay: 100_000, seed, concurrency: 4 }
// Both faults midway: the kill at half a worker's share of submissions, the restart once half the rows were accepted.
const killAt = Math.ceil(rows / base.workers / 2)
const restartAt = Math.ceil(rows / 2)
const faults: ReadonlyArray<{ readonly fault: FleetFault; readonly faultAfter: number; readonly what: string }> = [
  { fault: 'none', faultAfter: 1, what: 'no fault' },
  { fault: 'kill-worker', faultAfter: killAt, what: `the first worker to print its ${killAt}th \`submitting\` line SIGKILLed then (its intent recorded, its POST leaving)` },
  { fault: 'restart-redis', faultAfter: restartAt, what: `redis-server SIGKILLed and started again (AOF) at the fleet's ${restartAt}th \`accepted\` line` },
]

const docUrl = new URL('../../../docs/reliability.md', import.meta.url)
const before = await readFile(docUrl, 'utf8')
const notesAt = before.indexOf(NOTES)
const notes = notesAt >= 0 && before.indexOf(END) > notesAt ? [before.slice(notesAt, before.indexOf(END)).trimEnd(), ''] : []
const loadBefore = loadavg()[0] ?? 0
const runs: Array<{ readonly what: string; readonly figures: FleetFigures }> = []
for (const { fault, faultAfter, what } of faults) {
  const figures = await runFleet({ ...base, fault, faultAfter })
  console.log(JSON.stringify(figures))
  runs.push({ what, figures })
}
const brokenIn = (f: FleetFigures): number =>
  f.rateLimited + Math.max(0, f.mostInAnyMinute - f.perMinute) + f.submittedTwice + f.missing + f.images.wrongHash + f.images.writtenTwice + (f.images.expected - f.images.present) + (f.images.expected === f.rows * 2 ? 0 : 1)
const broken = runs.reduce((sum, run) => sum + brokenIn(run.figures), 0)
const section = [
  START,
  '## The fleet run: four workers on one catalogue',
  '',
  `Four \`pixii-rx batch --store redis://…\` processes (the compiled CLI) on one ${rows}-row catalogue (A+ rows, two images each),`,
  `against \`pixii-rx simulate\`, another child process, over HTTP (live jobs scaled to about a second; the organisation's limit raised to ${perMinute} a minute,`,
  "binding: the catalogue needs several minutes of it), with a real redis-server (`--appendonly yes --appendfsync always`).",
  'Each worker runs with `--concurrency 4 --settle 3s --lease 6s`. A fault waits on an event, never a delay, and comes midway:',
  `the first worker to print its ${killAt}th \`submitting\` line dies then; redis-server is killed with SIGKILL and started again`,
  `on its folder once the fleet printed ${restartAt} \`accepted\` lines. Then judged from the simulator's ledger alone (\`simulate --ledger\`: its 429s, when each accepted POST arrived, every job of every ASIN, every image's hash).`,
  'The short version (14 and 16 rows, a binding limit of 10 a minute through the Redis restart) runs in every `npm test` (`test/redis/fleet.test.ts`).',
  '',
  '| run | 429s | most POSTs in any minute | rows submitted twice | rows missing | adopted | images (present / expected, wrong hash, written twice) | submissions per worker | exits | submitting | wall time |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...runs.map(({ what, figures: f }) =>
    `| ${what}${f.faultAt === undefined ? '' : ` (at ${f.faultAt} s)`} | **${f.rateLimited}** | ${f.mostInAnyMinute} / ${f.perMinute} | **${f.submittedTwice}** | **${f.missing}** | ${f.adopted} | ${f.images.present} / ${f.images.expected}, **${f.images.wrongHash}**, **${f.images.writtenTwice}** | ${f.submittedBy.join(', ')} | ${f.exits.map((code) => (code === null ? 'killed' : code)).join(', ')} | ${f.submittingSeconds} s | ${f.seconds} s |`,
  ),
  '',
  `"submitting" is the time from the first accepted POST to the last (at ${perMinute} a minute, ${rows} rows cannot go out in under ${Math.ceil(rows / perMinute) - 1} minutes: the limit binds).`,
  'How close to the limit the fleet submits is benchmark 5 (`npm run bench -- fleet`), below. ' + `Load (1 min) ${loadBefore.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at end.`,
  '',
  ...notes,
  END,
].join('\n')
const doc = await readFile(docUrl, 'utf8')
const start = doc.indexOf(START)
const end = doc.indexOf(END)
const next = start >= 0 && end > start ? `${doc.slice(0, start)}${section}${doc.slice(end + END.length)}` : `${doc.trimEnd()}\n\n${section}\n`
await writeFile(docUrl, next)
console.log(`fleet run: ${broken === 0 ? 'every promise kept' : `${broken} broken`}; wrote its section of docs/reliability.md`)
if (broken !== 0) process.exitCode = 1
