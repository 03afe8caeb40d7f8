import type { ChaosFigures } from './ChaosFigures.js'
import { leakedResources, type ProcessCheck } from './ProcessCheck.js'

/** One line of the chaos table: a figure, its value, what it means, and whether it must be 0. */
export interface FigureRow {
  readonly label: string
  readonly value: string
  readonly meaning: string
  /** True when the value breaks a promise (a promised zero that is not 0, a leak, the heap bound). */
  readonly broken: boolean
}

const MiB = 2 ** 20
const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`
const list = (resources: readonly string[]): string => (resources.length === 0 ? 'none' : resources.join(', '))

/** The figures of a run as rows, promised zeros marked; `check` adds the process rows of the full run. */
export function figureRows(f: ChaosFigures, check?: ProcessCheck): FigureRow[] {
  const info = (label: string, value: string | number, meaning: string): FigureRow => ({ label, value: String(value), meaning, broken: false })
  const zero = (label: string, value: number, meaning: string): FigureRow => ({ label, value: String(value), meaning, broken: value !== 0 })
  const z = f.zeros
  const faults = Object.entries(f.faults).sort(([a], [b]) => a.localeCompare(b))
  const rows: FigureRow[] = [
    info('jobs', f.jobs, `jobs created and watched (${f.groupedJobs} of them in ASIN groups through watchJobs$, the rest one watchJob$ each)`),
    info(
      'final states',
      `${f.outcomes.completed} completed, ${f.outcomes.partial} completed with failed ads, ${f.outcomes.failed} failed, ${f.outcomes.unfinished} never finished`,
      "by the simulator's ground truth at the end of the run (the endless jobs never finish)",
    ),
    info('statuses emitted', `${f.emissions} (${(f.emissions / f.jobs).toFixed(2)} a job)`, 'transitions the watches delivered (pending, processing, then completed or failed: 3 at most a job)'),
    info('requests', f.requests, 'API requests the simulator received during the run'),
    info('faults injected', faults.reduce((n, [, count]) => n + count, 0), 'requests that got a fault (share of requests in brackets below)'),
    ...faults.map(([kind, count]) => info(`  ${kind}`, `${count} (${((100 * count) / f.requests).toFixed(1)} %)`, 'from the simulator log')),
    info('polls', f.polls, 'polls reported to onPoll'),
    info('retries after backoff', f.retries.backoff, 'polls that failed transiently and were retried after a backoff (onPoll)'),
    info('retries after Retry-After', f.retries.retryAfter, 'polls answered 429 and retried exactly when Retry-After said (onPoll)'),
    info('watches cut midway', `${f.cut} (${f.inFlightAtCut} with a request in flight)`, 'solo watches unsubscribed by the run before their job finished'),
    info(
      'answers about another job refused',
      `${f.misdirectedRefused.solo + f.misdirectedRefused.grouped} (${f.misdirectedRefused.grouped} of them in ASIN groups)`,
      "watches sent a misdirected answer (by the simulator's log) that ended with the DecodeError at path id, as they must",
    ),
    info('watches ended by their deadline', `${f.timedOut} of ${f.outcomes.unfinished}`, "watches of jobs that never finish, ended by a TimeoutError 'total' with the last job seen (the others refused a misdirected answer first)"),
    zero('lost', z.lost, 'watches not cut that ended without the final state'),
    zero('duplicated', z.duplicated, 'emissions repeating the status before them'),
    zero('backwards or reordered', z.backwards, 'emissions ranked below the status before them'),
    zero('phantom statuses', z.phantom, 'emissions of a status the job never had'),
    zero('wrong final states', z.wrongFinal, 'final job not deep-equal to the truth, or wrong error code, or wrong ending'),
    zero('RetriesExhausted', z.retriesExhausted, 'watches that gave up after too many failures in a row'),
    zero('foreign emissions', z.foreign, 'emissions about another job than the one watched (a misdirected answer let through)'),
    zero('wrong deadline endings', z.wrongDeadline, "watches of jobs that never finish not ended by a TimeoutError 'total' carrying the last job emitted, with its id and a status it had"),
    zero('unhandled rejections', z.unhandledRejections, "process 'unhandledRejection' hook"),
    zero('uncaught exceptions', z.uncaughtExceptions, "process 'uncaughtException' hook"),
    zero('fetches after unsubscribe', z.fetchesAfterCut, "fetch calls for a cut job after its unsubscribe (client's side)"),
    zero('arrivals after unsubscribe', z.arrivalsAfterCut, 'requests for a cut job reaching the simulator after its unsubscribe, beyond those already on their way'),
    zero('fetches after deadline', z.fetchesAfterDeadline, "fetch calls for a job after its watch's deadline ended it (client's side)"),
    zero('arrivals after deadline', z.arrivalsAfterDeadline, 'requests for such a job reaching the simulator after the deadline, beyond those already on their way'),
  ]
  if (check === undefined) return rows
  const leaked = leakedResources(check)
  const growth = check.heapAfter - check.heapBefore
  return [
    ...rows,
    info('resources before', list(check.resourcesBefore), 'process.getActiveResourcesInfo() before the run'),
    { label: 'resources after', value: list(check.resourcesAfter), meaning: `after the simulator closed; more than before: ${list(leaked)}`, broken: leaked.length > 0 },
    info('heap before', mib(check.heapBefore), 'heap used after a full GC, before the run'),
    {
      label: 'heap after',
      value: `${mib(check.heapAfter)} (${growth >= 0 ? '+' : ''}${mib(growth)})`,
      meaning: `after a full GC, the run's simulator and client dropped; bound: +${mib(check.heapBound)}`,
      broken: growth > check.heapBound,
    },
  ]
}

/** The rows as an aligned text table, broken promises marked. */
export function textRows(rows: readonly FigureRow[]): string {
  const width = Math.max(...rows.map((row) => row.label.length))
  return rows.map((row) => `${row.label.padEnd(width)}  ${row.value}${row.broken ? '   <-- BROKEN' : ''}`).join('\n')
}
