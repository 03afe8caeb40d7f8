import { Command, Option } from 'commander'
import { lastValueFrom, type Observable } from 'rxjs'
import type { PixiiClient } from '../../client/PixiiClient.js'
import type { APlusRequest } from '../../codecs/APlusRequest.js'
import type { JobAccepted } from '../../codecs/JobAccepted.js'
import type { ListingBuilderRequest } from '../../codecs/ListingBuilderRequest.js'
import type { ScaleRequest } from '../../codecs/ScaleRequest.js'
import type { CliIo } from '../CliIo.js'
import { connect } from '../connect.js'
import { liveDisplay } from '../display/liveDisplay.js'
import { ndjsonDisplay } from '../display/ndjsonDisplay.js'
import { ExitCode } from '../exitCodes.js'
import { wantsJson, withCommonFlags, withTimeoutFlag, type CommonFlags } from '../options.js'
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

const examples: Record<Kind, string> = {
  'listing-builder': '$ pixii-rx submit listing-builder --asin B0CHX1W1XY --country-code US --listing-type amazon_listing --watch',
  scale: `$ pixii-rx submit scale --asin B0CHX1W1XY --country-code DE --scale-mode language --user-prompt German \\
      --items '[{"preview_url":"https://cdn.example.com/main.png","platform":"Amazon","asset_type":"main"}]'`,
  'a-plus': '$ pixii-rx submit a-plus --asin B0CHX1W1XY --country-code US --types "A+ Basic" "A+ Premium" --json',
}

function fieldOption({ field, shape, required, help }: SubmitField): Option {
  const placeholder = shape === 'list' ? '<value...>' : shape === 'json' ? '<json>' : '<value>'
  const option = new Option(`${flagOf(field)} ${placeholder}`, help)
  if (shape === 'json') option.argParser(parseJsonFlag)
  return required ? option.makeOptionMandatory() : option
}

function kindCommand(kind: Kind, io: CliIo, exit: (code: number) => void): Command {
  const command = new Command(kind).description(`Submit a ${kind} job (the flags are the API's fields, in kebab case).`)
  for (const field of submitFields[kind]) command.addOption(fieldOption(field))
  return withCommonFlags(withTimeoutFlag(command.option('--watch', 'then watch the job until it completes or fails')))
    .addHelpText('after', `\nExample:\n  ${examples[kind]}`)
    .action(async (flags: CommonFlags & { watch?: boolean } & Record<string, unknown>) => {
      const client = connect(flags, io)
      const json = wantsJson(flags, io)
      const accepted = await lastValueFrom(send[kind](client, requestFrom(submitFields[kind], flags)))
      if (json) io.stdout.write(`${JSON.stringify({ kind: 'accepted', ...accepted })}\n`)
      else io.stdout.write(`Submitted ${accepted.job_id} (${accepted.job_type}, ${accepted.status})\n`)
      if (flags.watch !== true) return exit(ExitCode.ok)
      exit(await watchJobs(client, [accepted.job_id], json ? ndjsonDisplay(io.stdout) : liveDisplay(io.stdout, io.scheduler), io))
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
