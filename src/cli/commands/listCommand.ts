import { Command } from 'commander'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { map } from 'rxjs'
import { defaultMaxPages } from '../../api/maxPages.js'
import { toReadable } from '../../node/toReadable.js'
import { redactApiKeys } from '../../internal/redactSecrets.js'
import type { CliIo } from '../CliIo.js'
import { connect } from '../connect.js'
import { ExitCode } from '../exitCodes.js'
import { wantsJson, wholeNumber, withCommonFlags, type CommonFlags } from '../options.js'
import { interruptedExitCode } from '../stopped.js'

interface ListFlags extends CommonFlags {
  readonly asin: string
  readonly limit?: number
  readonly maxPages?: number
}

/**
 * `pixii-rx list --asin X`: every job of an ASIN, newest first, as a table on a terminal or one
 * JSON summary per line. Pages are fetched only as fast as the output is written (`toReadable`
 * with `pace`), so `pixii-rx list --asin X | head` stops paging early. At most `--max-pages`
 * pages are read (default 1,000): a listing with more, or a page that does not hold together,
 * ends the command with exit code 1 after the lines read so far.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs'
 * import { listCommand } from './listCommand.js'
 * const io = { stdout: process.stdout, stderr: process.stderr, env: {}, scheduler: asyncScheduler, stop: new AbortController().signal }
 * console.log(listCommand(io, () => undefined).options.map((option) => option.long).join(' '))
 * // Output: --asin --limit --max-pages --api-key-file --api-key-stdin --api-key --base-url --max-retries --json
 * ```
 */
export function listCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command('list')
    .description("List every job of an ASIN, newest first.")
    .requiredOption('--asin <asin>', 'the ASIN whose jobs to list')
    .option('--limit <n>', 'jobs per page request, 1 to 100 (default: 20)', wholeNumber(1))
    .option('--max-pages <n>', `the most pages read; a listing with more ends with exit code 1 (default: ${defaultMaxPages})`, wholeNumber(1))
  return withCommonFlags(command)
    .addHelpText(
      'after',
      `
Examples:
  $ pixii-rx list --asin B0CHX1W1XY
  $ pixii-rx list --asin B0CHX1W1XY --json | jq -r 'select(.status == "completed") | .id'

Exit codes: 0 every job was printed; 1 the listing could not be read to its end (a page that
does not hold together, or more than --max-pages pages: the lines before it were printed);
2 usage error; 3 authentication; 4 network trouble past the retry budget; 130 interrupted
(Ctrl-C or SIGTERM: it stops paging at once, after the lines already printed).`,
    )
    .action(async (flags: ListFlags) => {
      const { client, secrets } = await connect(flags, io)
      const json = wantsJson(flags, io)
      const jobs = toReadable((demand) =>
        client.listJobs$(flags.asin, {
          pace: demand.ready,
          ...(flags.limit === undefined ? {} : { limit: flags.limit }),
          ...(flags.maxPages === undefined ? {} : { maxPages: flags.maxPages }),
        }).pipe(
          // Summaries are data the user asked for: keys out, nothing else touched.
          map((job) => redactApiKeys(json ? `${JSON.stringify(job)}\n` : `${job.id}  ${job.status.padEnd(10)}  ${job.job_type.padEnd(16)}  ${job.created_at}\n`, secrets)),
        ),
      )
      const sink = new Writable({
        objectMode: false,
        write: (chunk: Buffer, _encoding, done) => {
          if (io.stdout.write(chunk.toString()) || io.stdout.once === undefined) done()
          else io.stdout.once('drain', () => done())
        },
      })
      try {
        await pipeline(jobs, sink, { signal: io.stop })
      } catch (error) {
        if (!io.stop.aborted) throw error
        return exit(interruptedExitCode)
      }
      exit(ExitCode.ok)
    })
}
