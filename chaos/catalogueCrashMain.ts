// `npm run chaos`, second part (scripts/chaos.mjs runs it after the watch chaos run): the full
// crash run of `pixii-rx batch`, with the compiled CLI. Prints the figures, writes them into
// their section of docs/reliability.md, and sets a non-zero exit code if a promise is broken.
import { readFile, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { runCatalogueCrash } from './catalogueCrash.js'

const START = '<!-- catalogue crash run: written by chaos/catalogueCrashMain.ts -->'
const END = '<!-- end of the catalogue crash run -->'

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  const value = at === -1 ? fallback : Number(process.argv[at + 1])
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`chaos: --${name} must be a positive integer`)
  return value
}

const plan = {
  cli: fileURLToPath(new URL('../src/cli/main.js', import.meta.url)),
  rows: option('catalogue-rows', 150),
  kills: option('catalogue-kills', 40),
  seed: option('catalogue-seed', 20_261_207),
  concurrency: 4,
}
// Notes written by hand under the table (between NOTES and END) are kept from one run to the next.
const NOTES = '<!-- notes on earlier runs -->'
const docUrl = new URL('../../../docs/reliability.md', import.meta.url)
const before = await readFile(docUrl, 'utf8')
const notesAt = before.indexOf(NOTES)
const previousRuns = notesAt >= 0 && before.indexOf(END) > notesAt ? [before.slice(notesAt, before.indexOf(END)).trimEnd(), ''] : []
const loadBefore = loadavg()[0] ?? 0
const figures = await runCatalogueCrash(plan)
const broken = figures.submittedTwice + figures.missing + figures.images.wrongHash + (figures.images.expected - figures.images.present) +
  Math.abs(figures.credits.spent - figures.credits.ofJobs) + Math.abs(figures.credits.inResults - figures.credits.ofJobs)
console.log(JSON.stringify(figures, null, 2))
const section = [
  START,
  '## The catalogue crash run',
  '',
  '`pixii-rx batch` as a child process (the compiled CLI) against `pixii-rx simulate` as another child process, over',
  'HTTP on loopback (live jobs scaled to about a second, limits raised, one POST answer in twenty lost on the way back,',
  'every submission answered 400 ms after its job was created, two partial jobs and one failure scripted), killed with',
  'SIGKILL at seeded instants and started again each time until it ended on its own; then judged against the truth',
  '`pixii-rx simulate --ledger` serves (every job of each ASIN, the SHA-256 of each image, the credits spent). A kill',
  "waits on an event the start still owes, read from the ledger before it: a POST arriving at the simulator (printed by",
  '`--requests`), the k-th intent the child records, or the k-th image it writes. The short version (30 rows, 8 kills)',
  'runs in every `npm test` (`test/catalogue/crash.test.ts`).',
  '',
  '| figure | value | what it means |',
  '| --- | --- | --- |',
  `| rows | ${figures.rows} | A+, Listing Builder and Scale rows, one ASIN each; seed ${plan.seed}, ${plan.concurrency} rows submitted at once |`,
  `| starts | ${figures.starts} | runs of \`pixii-rx batch\` on the same journal (${figures.restartsForProblems} of them after the last kill, because a run ended with a row left for a later run) |`,
  `| problems | ${figures.problems.length} | failures that left a row to a later run${figures.problems.length === 0 ? '' : `: ${figures.problems.map((line) => (JSON.parse(line) as { error?: { _tag?: string } }).error?._tag ?? '?').join(', ')}`} |`,
  `| kills | ${figures.kills.total}: ${figures.kills.atPost} on a POST's arrival (${figures.kills.betweenPostAndAnswer} of them before its answer left, by the simulator's log), ${figures.kills.afterIntent} after an intent was recorded, ${figures.kills.afterImage} after an image was written | SIGKILL, each on an event the start still owed |`,
  `| adopted | ${figures.adopted} | jobs found in the ASIN's listing instead of submitted again (answers lost to a kill or on the way back) |`,
  `| answers lost on the way back | ${figures.lostAnswersInRun} | POSTs whose answer the simulator cut after creating the job |`,
  `| rows submitted twice | **${figures.submittedTwice}** | ASINs with more than one job on the simulator |`,
  `| rows missing | **${figures.missing}** | rows without their job, or not finished with it in the results file |`,
  `| images | ${figures.images.present} of ${figures.images.expected} on disk, **${figures.images.wrongHash}** with a wrong SHA-256 | against the ledger's SHA-256 of the bytes the simulator serves |`,
  `| credits | ${figures.credits.spent} spent, ${figures.credits.ofJobs} cost of the jobs that exist, ${figures.credits.inResults} in the results file | all three must agree |`,
  `| wall time | ${figures.seconds} s | load (1 min) ${loadBefore.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at end |`,
  '',
  ...previousRuns,
  END,
].join('\n')
const doc = await readFile(docUrl, 'utf8')
const start = doc.indexOf(START)
const end = doc.indexOf(END)
const next = start >= 0 && end > start ? `${doc.slice(0, start)}${section}${doc.slice(end + END.length)}` : `${doc.trimEnd()}\n\n${section}\n`
await writeFile(docUrl, next)
console.log(`catalogue crash run: ${broken === 0 ? 'every promise kept' : `${broken} broken`}; wrote its section of docs/reliability.md`)
if (broken !== 0) process.exitCode = 1
