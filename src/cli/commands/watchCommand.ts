import { Command } from 'commander'
import { lastValueFrom, merge, takeUntil, tap } from 'rxjs'
import type { PixiiClient } from '../../client/PixiiClient.js'
import { jobEvents } from '../../node/jobEvents.js'
import type { CliIo } from '../CliIo.js'
import { connect } from '../connect.js'
import type { Display } from '../display/Display.js'
import { liveDisplay } from '../display/liveDisplay.js'
import { ndjsonDisplay } from '../display/ndjsonDisplay.js'
import { ExitCode, exitCodeFor } from '../exitCodes.js'
import { wantsJson, withCommonFlags, withTimeoutFlag, type CommonFlags } from '../options.js'
import { interruptedExitCode, stopped$ } from '../stopped.js'
import { showJobEvent } from './showJobEvent.js'

/**
 * Watches jobs until each has completed or failed, showing every transition; resolves to the exit
 * code (0 all completed, else the highest of {@link exitCodeFor} over the failures; 130 when
 * stopped by SIGINT or SIGTERM, after showing where each job was).
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
  let failed = 0
  const started = io.scheduler.now()
  for (const id of ids) display.job(id, { status: 'waiting' })
  const events$ = merge(...ids.map((id) => client.watchJob$(id).pipe(jobEvents(id, io.scheduler))))
  const watched = lastValueFrom(
    events$.pipe(
      tap((event) => {
        showJobEvent(display, event)
        if (event.kind === 'job' && event.status === 'completed') completed += 1
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
  if (io.stop.aborted) code = interruptedExitCode
  const seconds = ((io.scheduler.now() - started) / 1000).toFixed(1)
  const line = `${ids.length} job${ids.length === 1 ? '' : 's'}: ${completed} completed, ${failed} failed (${seconds}s)`
  display.end([line], { jobs: ids.length, completed, failed, exitCode: code })
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
  return withCommonFlags(withTimeoutFlag(new Command('watch')))
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

Exit codes: 0 all completed, 1 some job failed, 2 usage error, 3 authentication, 4 network trouble past the retry budget,
5 a watch passed --timeout (the job may still finish on Pixii: watch it again later).`,
    )
    .action(async (ids: string[], flags: CommonFlags) => {
      const client = connect(flags, io)
      const display = wantsJson(flags, io) ? ndjsonDisplay(io.stdout) : liveDisplay(io.stdout, io.scheduler)
      exit(await watchJobs(client, ids, display, io))
    })
}
