import type { Machine } from '../bench/machine.js'
import type { ChaosFigures } from './ChaosFigures.js'
import { ISSUE_FAULT_MIX } from './FaultMix.js'
import type { FigureRow } from './figureRows.js'
import type { FULL_RUN } from './fullRun.js'

/** What the report is made of: one run of `npm run chaos`. */
export interface ReliabilityInputs {
  readonly machine: Machine
  /** The commit measured (`abc1234`, plus a note if src/ had uncommitted changes). */
  readonly revision: string
  /** Jobs of the warm-up run before the measured one. */
  readonly warmUpJobs: number
  readonly loadAtEnd: number
  readonly figures: ChaosFigures
  readonly rows: readonly FigureRow[]
  readonly wallMs: number
  readonly settings: typeof FULL_RUN
}

/** Where scripts/chaos.mjs writes how long the process took to end on its own. */
export const EXIT_PLACEHOLDER = '<!-- exit measured by scripts/chaos.mjs -->'

const faultLabel = (share: (typeof ISSUE_FAULT_MIX)[number]): string => {
  const { fault } = share
  switch (fault.kind) {
    case 'status':
      return `status ${fault.status}`
    case 'rate-limit':
      return `429 with Retry-After: ${String(fault.retryAfter)}`
    case 'latency':
      return `latency ${fault.ms} ms`
    default:
      return fault.kind
  }
}

/** `docs/reliability.md`: the machine, the settings, the figures of one run and what they mean. */
export function renderReliabilityDoc(inputs: ReliabilityInputs): string {
  const { machine, figures, settings } = inputs
  const escape = (cell: string): string => cell.replaceAll('|', '\\|')
  return [
    '# Reliability: the chaos run',
    '',
    'Written by `npm run chaos` (`chaos/main.ts`); do not edit by hand. Every figure here comes from the one run described',
    'below. The same scenario, on 160 jobs in virtual time, runs in every `npm test` (`test/chaos/runChaos.test.ts`).',
    '',
    '## Machine and run',
    '',
    '| CPU | cores | memory | Node | date | commit | seed | load (1 min) at start / end | wall time |',
    '| --- | ---: | ---: | --- | --- | --- | ---: | --- | ---: |',
    `| ${machine.cpu} | ${machine.cores} | ${machine.memoryGiB} GiB | ${machine.node} | ${machine.date} | ${inputs.revision} | ${figures.seed} | ${machine.loadAtStart.toFixed(2)} / ${inputs.loadAtEnd.toFixed(2)} | ${(inputs.wallMs / 1000).toFixed(1)} s |`,
    '',
    'Other engineers\' processes share this machine: a load above the number of cores slows the run, and may change which',
    'requests get which fault (they are drawn in arrival order), but no figure below is allowed to depend on it.',
    '',
    '## Figures',
    '',
    '| figure | value | what it means |',
    '| --- | --- | --- |',
    ...inputs.rows.map((row) => `| ${escape(row.label.trim())}${row.broken ? ' **(broken)**' : ''} | ${escape(row.value)} | ${escape(row.meaning)} |`),
    `| process exit | ${EXIT_PLACEHOLDER} | how long after its last line the process ended on its own (scripts/chaos.mjs waits 10 s, then fails the run) |`,
    '',
    '## The scenario',
    '',
    `- ${figures.jobs} jobs on the simulator's test key (each queued 0 to 100 ms, then processing 200 to 700 ms), created when`,
    `  their watch starts, ${settings.concurrency} watches at a time. Outcomes are scripted from the seed: 60 % complete, 20 % complete`,
    '  with some failed ads (`partial`, with an error code per ad), 20 % fail (`failed`, with one of three error codes).',
    `- ${settings.groupShare * 100} % of the jobs are watched in groups of 8 that share an ASIN, through one \`watchJobs$\` per group, which polls`,
    '  them through the job listing and fetches each finished one; the others have one `watchJob$` each.',
    `- ${settings.cancelShare * 100} % of the solo watches are unsubscribed midway (if their job has not finished by then): half of them 0 to 400 ms`,
    '  after their first emission, half as soon as their next request has left, so that the unsubscribe must abort it.',
    `- ${settings.endlessShare * 100} % of the jobs (${figures.outcomes.unfinished} here) never finish: they process for a day, and their solo watches must end by`,
    `  the client's overall deadline, ${settings.watchTimeoutMs / 1000} s for the run (\`watchTimeoutMs\`; the default, 30 min, is for live jobs of about two`,
    `  minutes): 75 times the longest test job, and beyond the retry budget at its worst (${settings.retry.maxConsecutiveFailures} backoffs of ${settings.retry.maxBackoffMs / 1000} s).`,
    '- One client for the whole run, with its defaults (cross-fetch, the adaptive schedule, at most 16 requests in flight)',
    `  except: a per-request timeout of ${settings.requestTimeoutMs} ms, an overall deadline of ${settings.watchTimeoutMs / 1000} s a watch, a retry budget of`,
    `  ${settings.retry.maxConsecutiveFailures} failures in a row with backoff capped at ${settings.retry.maxBackoffMs} ms, and a seeded \`random\` for jitter.`,
    '- Faults on every API request, drawn from the seed, each with its share of all requests (the simulator injects one fault',
    '  at most per request, so each rule is given its probability conditional on the earlier ones missing):',
    '',
    '| fault | share | what the client sees |',
    '| --- | ---: | --- |',
    ...ISSUE_FAULT_MIX.map((share) => `| ${faultLabel(share)} | ${(share.share * 100).toFixed(1)} % | ${FAULT_MEANING[share.fault.kind]} |`),
    '',
    '## Real time, not virtual time',
    '',
    'The full run uses the real `asyncScheduler`, real sockets on 127.0.0.1 and the client\'s default transport. Whether the',
    'process ends on its own, and which handles are left, only mean something with real timers and sockets: in virtual time a',
    'forgotten timer is just an entry in a queue. A per-request timeout of 1.5 s makes each hang cost little; test keys keep',
    'jobs under a second, and the test-key schedule polls at 250 ms, 250 ms, 500 ms, 1 s, so the run takes about a minute, plus',
    `up to the ${settings.watchTimeoutMs / 1000} s deadline of the last endless job to start.`,
    '',
    'The short run in `npm test` uses virtual time (`VirtualClock`) and the simulator\'s in-memory fetch: it is deterministic',
    '(the same seed gives the same figures, which the test checks), sleeps on nothing, and takes a few seconds. It makes the',
    'same checks except the process-level ones, and adds one: no timer is left on the virtual clock afterwards.',
    '',
    '## How each check is made',
    '',
    '- **Ground truth.** After the run, faults are cleared and each job is read once through the simulator\'s in-memory fetch and',
    '  decoded with the library\'s `Job` codec. The final job a watch delivered must deep-equal it; a completed job\'s watch must',
    '  complete, a failed job\'s watch must error with `JobFailed` carrying the same job and `error_code`. `sim.truth(id)` gives',
    '  the statuses the job really had.',
    '- **Lost, duplicated, backwards.** Every status a watch emitted (both `status` and `job` events of `watchJobs$`) is compared',
    '  with the one before it. A watch not cut that ended without a terminal job is lost.',
    '- **Foreign, and answers about another job.** Every emission carries the id of the job it is about (the job, or a',
    "  listing's summary); one whose id is not the watched job's is foreign. Which watches were sent a `misdirected` answer",
    "  is read from the simulator's log (that fault, answered 200, not aborted), not from the client: such a watch must end",
    '  with the `DecodeError` at path `id` naming its job, and is then counted as refused, not lost. In an ASIN group it is',
    '  the read of a finished record that gets it, and the job gets that error as its `error` event. A watch that refused',
    '  without such an answer in the log, or that neither refused it nor delivered its final state, is lost.',
    '- **Deadline.** A job that the truth shows unfinished at the end must have its watch ended by a `TimeoutError` of',
    '  deadline `total` whose `job` has the watched id and a status the job really had, and deep-equals the last job emitted.',
    '  At that moment the run notes the wire as at a cut, and counts the requests for the job after it in the same way.',
    '- **Retries** are counted from `onPoll`: a poll that failed and is followed by a wait for `backoff` or `retry-after`.',
    '- **After unsubscribe.** At each cut the run notes how many requests for the job its fetch had been called with, how many',
    '  had no answer yet, and the length of the simulator\'s log. Afterwards: fetch calls beyond the first number are requests',
    '  made after the unsubscribe; log entries for the job beyond the third, minus the unanswered ones (already on their way,',
    `  then aborted), are arrivals after it. The run listens for ${settings.quietMs / 1000} s after the last watch ends, longer than any wait of the`,
    '  schedule or backoff, so that a stray timer would show.',
    '- **Unhandled rejections** are counted by `process.on(\'unhandledRejection\')` and `process.on(\'uncaughtException\')` hooks',
    '  installed for the run.',
    `- **Resources and heap.** A ${inputs.warmUpJobs}-job warm-up run (same scenario, another seed) first loads, compiles and optimises`,
    '  everything. Then `process.getActiveResourcesInfo()` and the heap after two full GCs (`--expose-gc`) are taken before the',
    '  run, and again after it, once its simulator (server and sockets) is closed and its client dropped. No kind of resource may',
    '  be more numerous after. The heap may grow by at most 4 MiB, about 2 KiB a job, so a leak that grows with the number of',
    '  jobs would have to stay under that per job to pass. The growth seen comes once, not with every run: three',
    '  1,000-job rounds in one process after a 200-job warm-up changed the heap by +0.95, +0.17 and -0.19 MiB (measured on this',
    '  machine on 30 November 2026, under tsx). Then the process must end without `process.exit`.',
    '',
    '## What it found',
    '',
    'The first runs lost jobs watched in ASIN groups: about one group of 8 in ten ended with `RetriesExhausted` for all its',
    'jobs, though every one of them had finished. A tick of a batched `watchJobs$` needed the listing and the record of every',
    'newly finished job at once, so with 8 jobs finishing together and about 22 % transient faults a tick failed about 89 % of',
    'the time, often enough for 20 failures in a row to end about one group in ten. Now a tick that fails keeps the records it',
    'did read, and the retry reads only the missing ones (commit 76a82e6, with tests in `test/watch/asinBody.test.ts`). Solo',
    'watches never failed.',
    '',
    '## Running it',
    '',
    '```sh',
    'npm run chaos                         # 2,000 jobs; rewrites this page; exit code 1 if a promise is broken',
    'npm run chaos -- --jobs 300 --seed 7  # another size or seed: prints only',
    '```',
    '',
  ].join('\n')
}

const FAULT_MEANING: Readonly<Record<string, string>> = {
  status: 'a JSON error body with that status',
  'rate-limit': '`RATE_LIMIT_MINUTE_EXCEEDED` with a `Retry-After` header',
  reset: '200 headers and half the body, then the connection is destroyed',
  'malformed-json': '200 with the first half of the JSON body',
  html: "a 502 HTML page, as a proxy's",
  empty: '200 with an empty body',
  latency: 'the answer comes that much later (under the request timeout)',
  hang: 'no answer at all: only the per-request timeout ends it',
  stale: 'the job one status behind (a read from a lagging replica)',
  misdirected: 'a read of one job answered 200 about another job of the organisation (or its own record under another id)',
}
