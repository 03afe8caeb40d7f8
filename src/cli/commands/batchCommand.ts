import { Command } from 'commander'
import { createHash, randomBytes } from 'node:crypto'
import { access, mkdir, open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { lastValueFrom, takeUntil, tap } from 'rxjs'
import type { CatalogueEvent } from '../../catalogue/CatalogueEvent.js'
import type { CatalogueRow } from '../../catalogue/CatalogueRow.js'
import type { CatalogueStore } from '../../catalogue/CatalogueStore.js'
import type * as RedisStoreModule from '../../redis/createRedisStore.js'
import { createJournalStore } from '../../catalogue/journal/createJournalStore.js'
import { readRows } from '../../catalogue/readRows.js'
import type { RowResult } from '../../catalogue/RowResult.js'
import { runCatalogue$ } from '../../catalogue/runCatalogue.js'
import type { PixiiClientOptions } from '../../client/PixiiClientOptions.js'
import { describePixiiError } from '../../errors/describePixiiError.js'
import { FileSystemError } from '../../errors/FileSystemError.js'
import { isPixiiError } from '../../errors/isPixiiError.js'
import { ValidationError } from '../../errors/ValidationError.js'
import type { CliIo } from '../CliIo.js'
import { catalogueDisplay, countEvent, type CatalogueTally } from '../display/catalogueDisplay.js'
import { ExitCode, exitCodeFor } from '../exitCodes.js'
import { duration, wantsJson, wholeNumber, withCommonFlags, type CommonFlags } from '../options.js'
import { interruptedExitCode, stopped$ } from '../stopped.js'

interface BatchFlags extends CommonFlags {
  readonly journal?: string
  readonly store?: string
  readonly catalogue?: string
  readonly out: string
  readonly results?: string
  readonly concurrency?: number
  readonly resubmitFailed?: boolean
  readonly untilBudget?: boolean
  readonly settle?: number | false
  readonly lease?: number | false
  readonly perMinute?: number
  readonly perDay?: number
}

/** A failure of the run as a whole, as a message and an exit code. */
class Stop extends Error {
  constructor(message: string, readonly code: number) {
    super(message)
  }
}

const storageCodes = new Set(['ENOSPC', 'EACCES', 'EPERM', 'EROFS', 'EDQUOT', 'ENOTDIR', 'EISDIR'])

/** The exit code and message of an error that ended the run. */
function stopOf(error: unknown): Stop {
  if (error instanceof Stop) return error
  if (error instanceof Error && '_tag' in error && (error._tag === 'JournalLocked' || error._tag === 'JournalFormat')) return new Stop(error.message, ExitCode.journal)
  if (error instanceof FileSystemError) {
    if (error.code === undefined || !storageCodes.has(error.code)) return new Stop(error.message, ExitCode.usage)
    // The journal was written before and after each step (a record the disk refused is undone): say so, and what to do.
    const why = error.code === 'ENOSPC' || error.code === 'EDQUOT' ? 'The disk is full' : 'That place cannot be written'
    return new Stop(`${error.message}\n${why}. What this run did is in the journal: make room and run the same command again to go on (nothing is submitted twice).`, ExitCode.storage)
  }
  if (isPixiiError(error)) return new Stop(error._tag === 'Validation' && error.source === 'client' ? error.message : describePixiiError(error), exitCodeFor(error))
  return new Stop(`unexpected failure: ${error instanceof Error ? error.message : String(error)}`, ExitCode.jobFailed)
}

/** The client's options from the flags and the environment, as `connect` reads them. */
function clientOptions(flags: BatchFlags, io: CliIo): PixiiClientOptions {
  const apiKey = flags.apiKey ?? (io.env['PIXII_API_KEY'] || undefined)
  const baseUrl = flags.baseUrl ?? (io.env['PIXII_BASE_URL'] || undefined)
  if (apiKey === undefined) {
    throw new ValidationError({ message: 'No API key: pass --api-key or set PIXII_API_KEY', source: 'client', issues: [{ path: 'api-key', message: 'missing' }] })
  }
  return {
    apiKey,
    scheduler: io.scheduler,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(flags.maxRetries === undefined ? {} : { retry: { maxConsecutiveFailures: flags.maxRetries } }),
    ...(flags.perMinute === undefined && flags.perDay === undefined ? {} : { rateLimits: { ...(flags.perMinute === undefined ? {} : { perMinute: flags.perMinute }), ...(flags.perDay === undefined ? {} : { perDay: flags.perDay }) } }),
  }
}

/**
 * The store of the run: the embedded journal (`--journal`), or a catalogue shared through Redis
 * (`--store redis://…`), whose client library is loaded only then. Its limiter is the
 * organisation's, named after a hash of the key, so that every catalogue of one key shares it.
 */
async function storeOf(flags: BatchFlags, rowsFile: string, apiKey: string): Promise<CatalogueStore> {
  const { journal, store } = flags
  if ((journal === undefined) === (store === undefined)) {
    throw new Stop('Give --journal <path> (one machine) or --store redis://… (several workers), not both and not neither', ExitCode.usage)
  }
  if (journal !== undefined) return createJournalStore(journal)
  if (!/^rediss?:\/\//.test(store ?? '')) throw new Stop('--store: expected a redis:// or rediss:// URL', ExitCode.usage)
  let module: typeof RedisStoreModule
  try {
    module = await import('../../redis/createRedisStore.js')
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' || (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND'
    throw new Stop(missing ? '--store redis:// needs the ioredis package next to pixii-rx: npm install ioredis' : `--store: ${String(error)}`, ExitCode.usage)
  }
  const catalogue = flags.catalogue ?? basename(rowsFile, extname(rowsFile)).replace(/[^A-Za-z0-9._-]/g, '-')
  const organisation = `key-${createHash('sha256').update(apiKey).digest('hex').slice(0, 16)}`
  return module.createRedisStore({ redis: store as string, catalogue, organisation })
}

/** Checks, before anything is recorded or sent, that the rows can be read and the output folder written. */
async function checkPaths(rowsFile: string, out: string): Promise<void> {
  try {
    await access(rowsFile)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new Stop(`Cannot read the rows file ${rowsFile}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`, ExitCode.usage)
  }
  const probe = join(out, `.pixii-rx-probe-${randomBytes(4).toString('hex')}`)
  try {
    await mkdir(out, { recursive: true })
    await (await open(probe, 'wx')).close()
    await unlink(probe)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : (code ?? String(error))
    throw new Stop(`Cannot write to the output folder ${out}: ${why}. Nothing was submitted.`, ExitCode.storage)
  }
}

/** Writes the results file whole or not at all: a temporary file, synced, renamed over the old one. */
async function writeResults(file: string, results: readonly RowResult[]): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.part`
  try {
    await mkdir(dirname(file), { recursive: true })
    const handle = await open(temporary, 'w')
    try {
      await handle.writeFile(results.map((result) => `${JSON.stringify(result)}\n`).join(''))
      await handle.datasync()
    } finally {
      await handle.close()
    }
    await rename(temporary, file)
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    const code = (error as NodeJS.ErrnoException).code
    throw new FileSystemError({ message: `Could not write the results file ${file}: ${code === 'ENOSPC' ? 'the disk is full' : (code ?? String(error))}`, file, ...(code === undefined ? {} : { code }) })
  }
}

function exitFor(results: readonly RowResult[], invalid: number, sawStorageTrouble: boolean): number {
  if (sawStorageTrouble) return ExitCode.storage
  if (invalid > 0 || results.some((result) => result.status !== 'completed' && result.status !== 'deferred')) return ExitCode.jobFailed
  if (results.some((result) => result.status === 'deferred')) return ExitCode.budgetSpent
  return ExitCode.ok
}

/**
 * `pixii-rx batch <rows> --journal <path> --out <dir>`: runs a catalogue with `runCatalogue$`,
 * resuming from the journal (or from a catalogue shared through Redis, `--store redis://…`); writes one result line per row to `--results` (default
 * `<out>/results.ndjson`); shows a live block on a terminal and NDJSON otherwise.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs'
 * import { batchCommand } from './batchCommand.js'
 * const io = { stdout: process.stdout, stderr: process.stderr, env: {}, scheduler: asyncScheduler, stop: new AbortController().signal }
 * console.log(batchCommand(io, () => undefined).options.map((option) => option.long).join(' '))
 * // Output: --journal --store --catalogue --out --results --concurrency --resubmit-failed --until-budget --settle --lease --per-minute --per-day --timeout --api-key-file --api-key-stdin --api-key --base-url --max-retries --json
 * ```
 */
export function batchCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command('batch')
    .description('Run a catalogue of rows (CSV or NDJSON) to the end, across restarts: submit each row once, watch it, download its images.')
    .argument('<rows>', 'the rows: a .csv with a header row, or .ndjson / .jsonl, each row naming its kind and request fields')
    .option('--journal <path>', 'where the run records what it does; run again with the same journal to resume')
    .option('--store <url>', 'instead of --journal: a Redis (redis://host:6379) where several workers record one catalogue together and share the limits')
    .option('--catalogue <name>', 'with --store: the catalogue every worker runs (default: the rows file name without extension)')
    .requiredOption('--out <dir>', 'where the images go: one folder per job')
    .option('--results <file>', 'the results file, one JSON line per row (default: <out>/results.ndjson)')
    .option('--concurrency <n>', 'rows submitted at once (default: 1; the limiter paces them anyway)', wholeNumber(1))
    .option('--resubmit-failed', 'submit again the rows whose job failed or that Pixii refused')
    .option('--until-budget', "stop when the day's submission budget is spent (for cron) instead of waiting for it")
    .option('--settle <duration>', "how long a POST of a killed run may take to show in the ASIN's listing (default: 30s)", duration)
    .option('--lease <duration>', 'with --store: how long a row stays with a worker that stopped renewing it (killed) before another takes it over (default: 5m)', duration)
    .option('--per-minute <n>', "the organisation's submissions per minute (default: 10)", wholeNumber(1))
    .option('--per-day <n>', "the organisation's submissions per day (default: 500)", wholeNumber(1))
    .option('--timeout <duration>', 'how long this start watches each job before leaving it to the next start, e.g. 30m, 2h; 0 or off for never (default: 2h)', duration)
  return withCommonFlags(command)
    .addHelpText(
      'after',
      `
Rows (CSV; list fields separated by "|", items as JSON):
  kind,id,asin,country_code,listing_type,types
  listing-builder,sku-1,B0CHX1W1XY,US,amazon_listing,
  a-plus,sku-2,B0CHX1W1XZ,US,,A+ Basic|A+ Premium

Examples:
  $ pixii-rx batch rows.csv --journal catalogue.journal --out images
  $ pixii-rx batch rows.ndjson --journal catalogue.journal --out images --until-budget   # from cron
  $ pixii-rx batch rows.csv --store redis://10.0.0.5:6379 --out images   # on each of several machines

Run it again with the same --journal after a crash, a deploy or a reboot: finished rows are
skipped, nothing is submitted twice, missing images are downloaded. One run per journal at a time;
with --store, any number of workers at once (Redis with --appendonly yes --appendfsync always).
Exit codes: 0 every row completed, 1 some row failed or was invalid, 7 the journal is in use or
of a newer format, 8 a full disk or an unwritable folder, 9 the day's budget is spent (--until-budget).`,
    )
    .action(async (rowsFile: string, flags: BatchFlags) => {
      const client = clientOptions(flags, io)
      const out = resolve(flags.out)
      const resultsFile = resolve(flags.results ?? join(out, 'results.ndjson'))
      const json = wantsJson(flags, io)
      const line = (value: object): void => void io.stdout.write(`${JSON.stringify(value)}\n`)
      try {
        if (flags.lease === false) throw new Stop('--lease: expected a duration above 0, such as 30s or 5m', ExitCode.usage)
        await checkPaths(rowsFile, out)
        // A first pass: bad rows are reported up front, with their line, and the total is known.
        let total = 0
        let invalid = 0
        for await (const row of readRows(rowsFile)) {
          if (row.ok) {
            total += 1
            continue
          }
          invalid += 1
          if (json) line({ kind: 'invalid-row', line: row.line, message: row.message })
          else io.stderr.write(`pixii-rx: skipped ${row.message}\n`)
        }
        async function* rows(): AsyncGenerator<CatalogueRow> {
          for await (const row of readRows(rowsFile)) if (row.ok) yield row.row
        }
        const tally: CatalogueTally = { rows: total, done: 0, failed: 0, running: 0, problems: 0, deferred: 0, skipped: 0, charged: 0, refunded: 0, limiter: undefined, waitingUntil: undefined }
        const live = json ? undefined : catalogueDisplay(io.stdout, io.scheduler, tally)
        let results: readonly RowResult[] = []
        let storageTrouble = false
        const store = await storeOf(flags, rowsFile, client.apiKey ?? '')
        const show = (event: CatalogueEvent): void => {
          countEvent(tally, event)
          if (event.kind === 'done') results = event.results
          if (event.kind === 'image-failed' && event.error._tag === 'FileSystem') storageTrouble = true
          if (json) line(event.kind === 'done' ? { kind: 'done', rows: event.results.length } : event)
          else live?.update()
        }
        const settle = flags.settle === undefined ? {} : { settleMs: flags.settle === false ? 0 : flags.settle }
        const watch = flags.timeout === undefined ? {} : { watch: { timeoutMs: flags.timeout } }
        const lease = flags.lease === undefined ? {} : { leaseMs: flags.lease }
        const run$ = runCatalogue$(rows(), {
          store, client, out, ...settle, ...watch, ...lease,
          ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
          resubmitFailed: flags.resubmitFailed === true,
          untilBudget: flags.untilBudget === true,
        })
        try {
          await lastValueFrom(run$.pipe(tap(show), takeUntil(stopped$(io.stop))), { defaultValue: undefined })
        } catch (error) {
          live?.end([])
          throw error
        } finally {
          await store.close()
        }
        if (results.length > 0) await writeResults(resultsFile, results)
        const code = io.stop.aborted ? interruptedExitCode : exitFor(results, invalid, storageTrouble)
        const counts = (status: RowResult['status']): number => results.filter((result) => result.status === status).length
        const summary = {
          rows: results.length, invalid, completed: counts('completed'), failed: counts('failed') + counts('refused'),
          unfinished: counts('running') + counts('unresolved') + counts('pending'), deferred: counts('deferred'),
          credits: { charged: tally.charged, refunded: tally.refunded }, results: io.stop.aborted ? null : resultsFile, exitCode: code,
        }
        if (json) line({ kind: 'summary', ...summary })
        else {
          live?.end([
            io.stop.aborted
              ? 'stopped: run the same command again to go on'
              : `${summary.completed} of ${summary.rows} rows completed, ${summary.failed} failed, ${summary.unfinished} unfinished, ${summary.deferred} deferred, ${invalid} invalid → ${resultsFile}`,
          ])
        }
        exit(code)
      } catch (error) {
        const stop = stopOf(error)
        io.stderr.write(`pixii-rx: ${stop.message}\n`)
        exit(stop.code)
      }
    })
}
