import { Command, CommanderError } from 'commander'
import { describePixiiError } from '../errors/describePixiiError.js'
import { isPixiiError } from '../errors/isPixiiError.js'
import type { CliIo } from './CliIo.js'
import { batchCommand } from './commands/batchCommand.js'
import { downloadCommand } from './commands/downloadCommand.js'
import { listCommand } from './commands/listCommand.js'
import { simulateCommand } from './commands/simulateCommand.js'
import { submitCommand } from './commands/submitCommand.js'
import { watchCommand } from './commands/watchCommand.js'
import { ExitCode, exitCodeFor } from './exitCodes.js'

/**
 * Runs `pixii-rx` with `args` (without `node` and the script) on `io`, and resolves to the exit
 * code: 0 all completed, 1 some job failed, 2 usage error, 3 authentication, 4 network trouble
 * past the retry budget. Never throws: a typed error is printed on stderr, without secrets.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs'
 * import { runCli } from './runCli.js'
 * let errors = ''
 * const io = {
 *   stdout: { write: () => true }, stderr: { write: (text: string) => ((errors += text), true) },
 *   env: {}, scheduler: asyncScheduler, stop: new AbortController().signal,
 * }
 * console.log(await runCli(['watch', 'job_1'], io), errors.trim())
 * console.log(await runCli(['frobnicate'], io))
 * // Output: 2 pixii-rx: No API key: pass --api-key or set PIXII_API_KEY
 * // Output: 2
 * ```
 */
export async function runCli(args: readonly string[], io: CliIo, version = '0.0.0'): Promise<number> {
  let code: number = ExitCode.ok
  const exit = (value: number): void => {
    code = value
  }
  const program = new Command('pixii-rx')
    .description('Watch, list, submit and download Pixii jobs. Key from --api-key or PIXII_API_KEY, API from --base-url or PIXII_BASE_URL.')
    .version(version)
    .addHelpText(
      'after',
      `
Examples (a first run without a key, in two terminals):
  $ pixii-rx simulate
  $ export PIXII_BASE_URL=http://127.0.0.1:PORT PIXII_API_KEY=pk_test_…   # as simulate prints them
  $ pixii-rx submit listing-builder --asin B0CHX1W1XY --country-code US --listing-type amazon_listing
  $ pixii-rx watch job_…
  $ pixii-rx download job_… --out images

Exit codes: 0 all completed, 1 some job or image failed (or a listing could not be read to its end), 2 usage error, 3 authentication, 4 network trouble past the retry budget, 5 a watch passed its --timeout (the job may still finish), 6 a batch journal in use or of a newer format, 7 a full disk or an unwritable folder, 8 a batch stopped at the day's budget (--until-budget), 130 interrupted.`,
    )
  for (const command of [watchCommand, listCommand, submitCommand, downloadCommand, batchCommand, simulateCommand]) program.addCommand(command(io, exit))
  // Every command (submit's subcommands too) writes to `io` and reports usage errors by throwing
  // instead of exiting; addCommand does not pass these settings down by itself.
  const configure = (command: Command): void => {
    command
      .exitOverride()
      .showHelpAfterError('(add --help for usage)')
      .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    command.commands.forEach(configure)
  }
  configure(program)
  try {
    await program.parseAsync([...args], { from: 'user' })
    return code
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage
    if (isPixiiError(error)) {
      io.stderr.write(`pixii-rx: ${error._tag === 'Validation' && error.source === 'client' ? error.message : describePixiiError(error)}\n`)
      return exitCodeFor(error)
    }
    io.stderr.write(`pixii-rx: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`)
    return ExitCode.jobFailed
  }
}
