import { Command, Option } from 'commander'
import type { Observable } from 'rxjs'
import type { PixiiClient } from '../../client/PixiiClient.js'
import type { APlusRequest } from '../../codecs/APlusRequest.js'
import type { JobAccepted } from '../../codecs/JobAccepted.js'
import type { ListingBuilderRequest } from '../../codecs/ListingBuilderRequest.js'
import type { ScaleRequest } from '../../codecs/ScaleRequest.js'
import type { CliIo } from '../CliIo.js'
import { connect, type ConnectionFlags } from '../connect.js'
import { displayFor } from '../display/displayFor.js'
import { ExitCode } from '../exitCodes.js'
import { duration, wantsJson, withCommonFlags, withWatchFlags, type CommonFlags } from '../options.js'
import { interruptedExitCode } from '../stopped.js'
import { awaitSubmission } from './awaitSubmission.js'
import { flagOf, parseJsonFlag, requestFrom, submitFields, type SubmitField } from './submitFields.js'
import { watchJobs } from './watchCommand.js'

type Kind = keyof typeof submitFields

// The flags are checked by the client's codecs before anything is sent, so the casts only hand
// the request over: an invalid one comes back as a ValidationError naming the field.
const send: Record<Kind, (client: PixiiClient, request: Record<string, unknown>) => Observable<JobAccepted>> = {
  'listing-builder': (client, request) => client.submitListingBuilder$(request as ListingBuilderRequest),
  scale: (client, request) => client.submitScale$(request as ScaleRequest),
  'a-plus': (client, request) => client.submitAPlus$(request as APlusRequest),
}

const titles: Record<Kind, string> = { 'listing-builder': 'a Listing Builder', scale: 'a Scale', 'a-plus': 'an A+ content' }

const defaultMaxWaitMs = 300_000

const examples: Record<Kind, string> = {
  'listing-builder': '$ pixii-rx submit listing-builder --asin B0CHX1W1XY --country-code US --listing-type amazon_listing --watch',
  scale: `$ pixii-rx submit scale --asin B0CHX1W1XY --country-code DE --scale-mode language --user-prompt German \\
      --items '[{"preview_url":"https://cdn.example.com/main.png","platform":"Amazon","asset_type":"main"}]'`,
  'a-plus': '$ pixii-rx submit a-plus --asin B0CHX1W1XY --country-code US --types "A+ Basic" "A+ Premium" --json',
}

function fieldOption({ field, shape, required, help, choices }: SubmitField): Option {
  const placeholder = shape === 'list' ? '<value...>' : shape === 'json' ? '<json>' : '<value>'
  const option = new Option(`${flagOf(field)} ${placeholder}`, help)
  if (shape === 'json') option.argParser(parseJsonFlag)
  if (choices !== undefined) option.choices(choices)
  return required ? option.makeOptionMandatory() : option
}

const waitHelp = `
While Pixii answers 429 Too Many Requests, or this client's own limit (10 a minute, 500 a day)
holds the submission back, it says on stderr why it waits and until when, and gives up after
--max-wait (default 5m; off for never) with exit code 6: nothing was submitted.

Exit codes: 0 submitted (with --watch: and completed), 1 the job failed, 2 usage error,
3 authentication, 4 network trouble past the retry budget, 5 --watch passed --timeout,
6 gave up waiting for the rate limit (--max-wait), 130 interrupted (Ctrl-C or SIGTERM; a
second one quits at once, even while a submission waits for its answer).`

function kindCommand(kind: Kind, io: CliIo, exit: (code: number) => void): Command {
  const command = new Command(kind).description(`Submit ${titles[kind]} job (the flags are the API's fields, in kebab case).`)
  for (const field of submitFields[kind]) command.addOption(fieldOption(field))
  command
    .option('--watch', 'then watch the job until it completes or fails')
    .option('--max-wait <duration>', 'give up when the rate limit holds the submission back this long, e.g. 90s, 10m; off for never (default: 5m)', duration)
  return withCommonFlags(withWatchFlags(command), 'print the accepted answer as one JSON line, then with --watch NDJSON events (the default when stdout is not a terminal)')
    .addHelpText('after', `\nExample:\n  ${examples[kind]}\n${waitHelp}`)
    .action(async (flags: CommonFlags & ConnectionFlags & { watch?: boolean; maxWait?: number | false } & Record<string, unknown>) => {
      const { client, secrets } = await connect(flags, io)
      const json = wantsJson(flags, io)
      const maxWaitMs = flags.maxWait ?? defaultMaxWaitMs
      const outcome = await awaitSubmission(send[kind](client, requestFrom(submitFields[kind], flags)), client.limiter, io, maxWaitMs, {
        say: (line) => io.stderr.write(`${line}\n`),
      })
      if (outcome.kind === 'gave-up') {
        const why = outcome.rateLimited > 0 ? `Pixii answered 429 Too Many Requests ${outcome.rateLimited} time${outcome.rateLimited === 1 ? '' : 's'}` : "the client's own submission limit held it back"
        io.stderr.write(`pixii-rx: gave up after waiting ${(outcome.waitedMs / 1000).toFixed(0)}s (--max-wait): ${why}. Nothing was submitted; try again later.\n`)
        return exit(ExitCode.rateLimited)
      }
      if (outcome.kind === 'interrupted') {
        io.stderr.write('pixii-rx: stopped (interrupted) before the submission was accepted: nothing was submitted.\n')
        return exit(interruptedExitCode)
      }
      const { accepted } = outcome
      if (json) io.stdout.write(`${JSON.stringify({ kind: 'accepted', ...accepted })}\n`)
      else io.stdout.write(`Submitted ${accepted.job_id} (${accepted.job_type}, ${accepted.status})\n`)
      if (io.stop.aborted) return exit(interruptedExitCode)
      if (flags.watch !== true) return exit(ExitCode.ok)
      exit(await watchJobs(client, [accepted.job_id], displayFor(json, io, secrets), io))
    })
}

/**
 * `pixii-rx submit listing-builder|scale|a-plus`: submits one job and prints its id (or, with
 * `--json`, the accepted answer); `--watch` then watches it.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs'
 * import { submitCommand } from './submitCommand.js'
 * const io = { stdout: process.stdout, stderr: process.stderr, env: {}, scheduler: asyncScheduler, stop: new AbortController().signal }
 * console.log(submitCommand(io, () => undefined).commands.map((command) => command.name()).join(' '))
 * // Output: listing-builder scale a-plus
 * ```
 */
export function submitCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command('submit').description('Submit a job: listing-builder, scale or a-plus.')
  for (const kind of Object.keys(submitFields) as Kind[]) command.addCommand(kindCommand(kind, io, exit))
  return command.addHelpText(
    'after',
    `
Examples:
  ${examples['listing-builder']}
  ${examples['a-plus']}`,
  )
}
