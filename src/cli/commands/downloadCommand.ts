import { Command } from 'commander'
import { dirname, relative } from 'node:path'
import { filter, ignoreElements, lastValueFrom, map, merge, share, takeUntil, tap } from 'rxjs'
import type { CompletedJob } from '../../codecs/Job.js'
import type { DownloadEvent } from '../../node/DownloadEvent.js'
import { downloadAds } from '../../node/downloadAds.js'
import { jobEvents } from '../../node/jobEvents.js'
import type { JobLogLine } from '../../node/JobLogLine.js'
import type { PollEvent } from '../../watch/PollEvent.js'
import type { CliIo } from '../CliIo.js'
import { connect, type ConnectionFlags } from '../connect.js'
import type { Display } from '../display/Display.js'
import { displayFor } from '../display/displayFor.js'
import { adTally, type AdTally } from '../display/JobLine.js'
import { ExitCode, exitCodeFor } from '../exitCodes.js'
import { wantsJson, wholeNumber, withCommonFlags, withWatchFlags, type CommonFlags } from '../options.js'
import { interruptedExitCode, stopped$ } from '../stopped.js'
import { estimateOf } from './estimateOf.js'
import { interruptedSummary } from './interruptedSummary.js'
import { showJobEvent } from './showJobEvent.js'

interface DownloadFlags extends CommonFlags, ConnectionFlags {
  readonly out: string
  readonly concurrency?: number
}

interface Tally {
  code: number
  images: number
  failedImages: number
  failedJobs: number
  /** Per job: images on disk, failed, and to download. */
  readonly jobs: Map<string, { done: number; failed: number; total: number }>
  /** Per completed job: the ads Pixii made and could not make. */
  readonly ads: Map<string, AdTally>
  /** Per job: its last status, for the summary of an interrupted run. */
  readonly where: Map<string, string>
}

function showDownload(display: Display, event: DownloadEvent, tally: Tally): void {
  display.event(event)
  const bar = tally.jobs.get(event.jobId) ?? { done: 0, failed: 0, total: 0 }
  tally.jobs.set(event.jobId, bar)
  if (event.kind === 'image') {
    tally.images += 1
    bar.done += 1
  }
  if (event.kind === 'image-failed') {
    tally.failedImages += 1
    bar.failed += 1
    tally.code = Math.max(tally.code, exitCodeFor(event.error))
  }
  if (event.kind !== 'manifest') return display.job(event.jobId, { status: 'downloading', bar: { ...bar } })
  tally.where.set(event.jobId, 'downloaded')
  const tags = [...new Set(event.manifest.failedImages.map((failure) => failure.error._tag))].join(', ')
  const folder = relative(process.cwd(), dirname(event.file)) || '.'
  const note = `→ ${folder}${bar.failed > 0 ? `  ${bar.failed} failed: ${tags}` : ''}`
  // Images that could not be written fail the job's line; ads Pixii could not make only mark it partial.
  const state = bar.failed > 0 ? 'failed' : (tally.ads.get(event.jobId)?.failed ?? 0) > 0 ? 'partial' : 'ok'
  display.job(event.jobId, { status: 'downloaded', state, note, bar: { ...bar } })
}

/**
 * `pixii-rx download <job-id...> --out DIR`: watches each job until it completes, then downloads
 * its images and writes its manifest (see `downloadAds`), with a bar per job on a terminal and
 * NDJSON otherwise. Exit code 1 when a job failed or an image could not be downloaded.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs'
 * import { downloadCommand } from './downloadCommand.js'
 * const io = { stdout: process.stdout, stderr: process.stderr, env: {}, scheduler: asyncScheduler, stop: new AbortController().signal }
 * console.log(downloadCommand(io, () => undefined).options.map((option) => option.long).join(' '))
 * // Output: --out --concurrency --timeout --interval --api-key-file --api-key-stdin --api-key --base-url --max-retries --json
 * ```
 */
export function downloadCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command('download')
    .description('Wait for jobs to complete, then download their images and a manifest.json per job.')
    .argument('<job-id...>', 'the jobs whose images to download')
    .requiredOption('--out <dir>', 'where to write: one folder per job')
    .option('--concurrency <n>', 'images downloaded at once (default: 4)', wholeNumber(1))
  return withCommonFlags(withWatchFlags(command))
    .addHelpText(
      'after',
      `
Examples:
  $ pixii-rx download job_8f2c41 --out images        # images/job_8f2c41/ad-01.png … manifest.json
  $ pixii-rx download job_8f2c41 job_77a0e3 --out images --concurrency 8 --json

Files already there with the same size are kept. Image URLs expire 7 days after a job completes.
--timeout (default 30m) bounds the wait for each job; past it the job is an error, exit code 5.
A job with ads Pixii could not make is shown with ! and the ads' error codes; its manifest lists them.

Exit codes: 0 every image written, 1 a job failed or an image could not be written, 2 usage error,
3 authentication, 4 network trouble past the retry budget, 5 a watch passed --timeout,
130 interrupted (Ctrl-C or SIGTERM; a second one quits at once).`,
    )
    .action(async (ids: string[], flags: DownloadFlags) => {
      const { client, secrets } = await connect(flags, io)
      const display = displayFor(wantsJson(flags, io), io, secrets)
      const tally: Tally = { code: ExitCode.ok, images: 0, failedImages: 0, failedJobs: 0, jobs: new Map(), ads: new Map(), where: new Map(ids.map((id) => [id, 'waiting'])) }
      const started = io.scheduler.now()
      for (const id of ids) display.job(id, { status: 'waiting' })
      const onPoll = (id: string) => (event: PollEvent) => {
        const expectedAt = estimateOf(event)
        if (expectedAt !== null) display.job(id, { expectedAt })
      }
      const watched$ = merge(...ids.map((id) => client.watchJob$(id, { onPoll: onPoll(id) }).pipe(jobEvents(id, io.scheduler)))).pipe(share())
      const completed$ = watched$.pipe(
        filter((event): event is Extract<JobLogLine, { kind: 'job' }> => event.kind === 'job' && event.status === 'completed'),
        map((event) => event.job as CompletedJob),
        tap((job) => {
          const ads = adTally(job)
          tally.jobs.set(job.id, { done: 0, failed: 0, total: ads.succeeded })
          tally.ads.set(job.id, ads)
          tally.where.set(job.id, 'downloading')
          display.job(job.id, { status: 'downloading', bar: { done: 0, failed: 0, total: ads.succeeded } })
        }),
      )
      const showWatch = (event: JobLogLine): void => {
        showJobEvent(display, event, true)
        if (!(event.kind === 'job' && event.status === 'completed')) tally.where.set(event.jobId, event.kind === 'job' ? event.status : `error: ${event.error._tag}`)
        if (event.kind === 'error') {
          tally.failedJobs += 1
          tally.code = Math.max(tally.code, exitCodeFor(event.error))
        }
      }
      const downloaded = lastValueFrom(
        merge(
          watched$.pipe(tap(showWatch), ignoreElements()),
          completed$.pipe(downloadAds({ dir: flags.out, scheduler: io.scheduler, ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }) })),
        ).pipe(
          tap((event) => showDownload(display, event, tally)),
          takeUntil(stopped$(io.stop)),
        ),
        { defaultValue: undefined },
      )
      // A stream failure (a job folder that cannot be created) stops the live display before it is printed.
      await downloaded.catch((error: unknown) => {
        display.abort()
        throw error
      })
      const interrupted = io.stop.aborted
      if (interrupted) tally.code = interruptedExitCode
      const seconds = ((io.scheduler.now() - started) / 1000).toFixed(1)
      const partial = [...tally.ads.values()].filter((ads) => ads.failed > 0).length
      const jobs = `${tally.failedJobs} job${tally.failedJobs === 1 ? '' : 's'} failed${partial > 0 ? `, ${partial} with failed ads` : ''}`
      const line = `${ids.length} job${ids.length === 1 ? '' : 's'}: ${tally.images} images written, ${tally.failedImages} failed, ${jobs} (${seconds}s)`
      const summary = { jobs: ids.length, images: tally.images, failedImages: tally.failedImages, failedJobs: tally.failedJobs, partialJobs: partial, exitCode: tally.code }
      display.end(interrupted ? [line, ...interruptedSummary(tally.where, `download --out ${flags.out}`)] : [line], {
        ...summary,
        ...(interrupted ? { interrupted: true, statuses: Object.fromEntries(tally.where) } : {}),
      })
      exit(tally.code)
    })
}
