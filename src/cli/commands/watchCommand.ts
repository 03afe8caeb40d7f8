import { Command } from 'commander'
import { lastValueFrom, merge, takeUntil, tap } from 'rxjs'
import type { PixiiClient } from '../../client/PixiiClient.js'
import { jobEvents } from '../../node/jobEvents.js'
import type { PollEvent } from '../../watch/PollEvent.js'
import type { CliIo } from '../CliIo.js'
import { connect, type ConnectionFlags } from '../connect.js'
import type { Display } from '../display/Display.js'
import { displayFor } from '../display/displayFor.js'
import { adTally } from '../display/JobLine.js'
import { ExitCode, exitCodeFor } from '../exitCodes.js'
import { wantsJson, withCommonFlags, withWatchFlags, type CommonFlags } from '../options.js'
import { interruptedExitCode, stopped$ } from '../stopped.js'
import { estimateOf } from './estimateOf.js'
import { interruptedSummary } from './interruptedSummary.js'
import { showJobEvent } from './showJobEvent.js'

/**
 * Watches jobs until each has completed or failed, showing every transition and, on a terminal,
 * when each job should end (the schedule's estimate, once it has learned enough); resolves to the exit
 * code (0 all completed, else the highest of {@link exitCodeFor} over the failures; 130 when
 * stopped by SIGINT or SIGTERM, after showing where each job was: the live lines stay, and the
 * summary names the jobs still running, in NDJSON as `statuses`).
 *
 * @example
 * ```ts no-run
 * import { watchJobs } from './watchCommand.js'
 * declare const client: import('pixii-rx').PixiiClient
 * declare const display: import('../display/Display.js').Display
 * declare const io: import('../CliIo.js').CliIo
 * const code = await watchJobs(client, ['job_1', 'job_2'], display, io)
 * ```
 */
export async function watchJobs(client: PixiiClient, ids: readonly string[], display: Display, io: CliIo): Promise<number> {
  let code: number = ExitCode.ok
  let completed = 0
  let partial = 0
  let failed = 0
  const where = new Map(ids.map((id) => [id, 'waiting']))
  const started = io.scheduler.now()
  for (const id of ids) display.job(id, { status: 'waiting' })
  // Each poll's estimate of the job's end becomes the ETA of its line.
  const onPoll = (id: string) => (event: PollEvent) => {
    const expectedAt = estimateOf(event)
    if (expectedAt !== null) display.job(id, { expectedAt })
  }
  const events$ = merge(...ids.map((id) => client.watchJob$(id, { onPoll: onPoll(id) }).pipe(jobEvents(id, io.scheduler))))
  const watched = lastValueFrom(
    events$.pipe(
      tap((event) => {
        showJobEvent(display, event)
        where.set(event.jobId, event.kind === 'job' ? event.status : `error: ${event.error._tag}`)
        if (event.kind === 'job' && event.status === 'completed') {
          completed += 1
          if (adTally(event.job).failed > 0) partial += 1
        }
        if (event.kind === 'error') {
          failed += 1
          code = Math.max(code, exitCodeFor(event.error))
        }
      }),
      takeUntil(stopped$(io.stop)),
    ),
    { defaultValue: undefined },
  )
  // A failure that is not a job's (a bug, say) still stops the live display before it is printed.
  await watched.catch((error: unknown) => {
    display.abort()
    throw error
  })
  const interrupted = io.stop.aborted
  if (interrupted) code = interruptedExitCode
  const seconds = ((io.scheduler.now() - started) / 1000).toFixed(1)
  const tally = `${completed} completed${partial > 0 ? ` (${partial} with failed ads)` : ''}, ${failed} failed`
  const line = `${ids.length} job${ids.length === 1 ? '' : 's'}: ${tally} (${seconds}s)`
  display.end(interrupted ? [line, ...interruptedSummary(where, 'watch')] : [line], {
    jobs: ids.length,
    completed,
    partial,
    failed,
    exitCode: code,
    ...(interrupted ? { interrupted: true, statuses: Object.fromEntries(where) } : {}),
  })
  return code
}

/**
 * `pixii-rx watch <job-id...>`.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs'
 * import { watchCommand } from './watchCommand.js'
 * const io = { stdout: process.stdout, stderr: process.stderr, env: {}, scheduler: asyncScheduler, stop: new AbortController().signal }
 * console.log(watchCommand(io, () => undefined).name())
 * // Output: watch
 * ```
 */
export function watchCommand(io: CliIo, exit: (code: number) => void): Command {
  return withCommonFlags(withWatchFlags(new Command('watch')))
    .description('Watch jobs until they complete or fail: a live line per job on a terminal, NDJSON events otherwise.')
    .argument('<job-id...>', 'the jobs to watch')
    .addHelpText(
      'after',
      `
Examples:
  $ pixii-rx watch job_8f2c41                    # one job, live on the terminal
  $ pixii-rx watch job_8f2c41 job_77a0e3 --json  # two jobs, one JSON event per transition
  $ pixii-rx watch job_8f2c41 | jq .status       # NDJSON whenever stdout is a pipe
  $ pixii-rx watch job_8f2c41 --timeout 10m      # give up after ten minutes (default 30m; off for never)
  $ pixii-rx watch job_8f2c41 --interval 5s      # poll every 5 s instead of the adaptive schedule

Exit codes: 0 all completed (some perhaps with failed ads, shown with !), 1 some job failed, 2 usage error,
3 authentication, 4 network trouble past the retry budget, 5 a watch passed --timeout (the job may still
finish on Pixii: watch it again later), 130 interrupted (Ctrl-C or SIGTERM; a second one quits at once).`,
    )
    .action(async (ids: string[], flags: CommonFlags & ConnectionFlags) => {
      const { client, secrets } = await connect(flags, io)
      exit(await watchJobs(client, ids, displayFor(wantsJson(flags, io), io, secrets), io))
    })
}
