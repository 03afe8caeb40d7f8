import { Command, InvalidArgumentError } from 'commander'
import { startSimulator } from '../../testing/startSimulator.js'
import type { Outcome } from '../../testing/outcome.js'
import type { CliIo } from '../CliIo.js'
import { interruptedExitCode } from '../stopped.js'

interface SimulateFlags {
  readonly seed?: number
  readonly timeScale?: number
  readonly script?: Outcome[]
  readonly json?: boolean
}

const outcomes: Readonly<Record<string, Outcome>> = {
  success: { kind: 'success' },
  partial: { kind: 'partial', failedAds: 1, errorCode: 'CONTENT_POLICY' },
  failure: { kind: 'failure', errorCode: 'GENERATION_FAILED' },
}

/**
 * Parses `--script success,partial,failure`: the outcomes of the next submissions, in order.
 *
 * @example
 * ```ts
 * import { parseScript } from './simulateCommand.js'
 * console.log(parseScript('failure,partial').map((outcome) => outcome.kind).join(' '))
 * // Output: failure partial
 * ```
 */
export function parseScript(value: string): Outcome[] {
  return value.split(',').map((name) => {
    const outcome = outcomes[name.trim()]
    if (outcome === undefined) throw new InvalidArgumentError(`expected success, partial or failure, got "${name}"`)
    return outcome
  })
}

function number(value: string): number {
  const parsed = Number(value)
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError('expected a number ≥ 0')
  return parsed
}

/**
 * `pixii-rx simulate`: serves the Pixii simulator of `pixii-rx/testing` on 127.0.0.1 until
 * SIGINT or SIGTERM, and prints its URL and its keys (as a JSON line with `--json` or when
 * stdout is not a terminal). Stopped, it closes the server and exits 130, as every command does.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs'
 * import { simulateCommand } from './simulateCommand.js'
 * const io = { stdout: process.stdout, stderr: process.stderr, env: {}, scheduler: asyncScheduler, stop: new AbortController().signal }
 * console.log(simulateCommand(io, () => undefined).options.map((option) => option.long).join(' '))
 * // Output: --seed --time-scale --script --json
 * ```
 */
export function simulateCommand(io: CliIo, exit: (code: number) => void): Command {
  return new Command('simulate')
    .description('Run a local Pixii simulator (no key, no network) and print its URL and keys.')
    .option('--seed <n>', 'seed of every random choice: keys, job ids, durations (default: 1)', number)
    .option('--time-scale <factor>', 'multiplies how long live-key jobs take (default: 1, about 2 minutes)', number)
    .option('--script <outcomes>', 'how the next submissions end, in order: success, partial, failure (comma-separated)', parseScript)
    .option('--json', 'print one JSON line with the URL and keys (the default when stdout is not a terminal)')
    .addHelpText(
      'after',
      `
Examples:
  $ pixii-rx simulate                          # then, in another terminal, the export lines it prints
  $ pixii-rx simulate --time-scale 0.1         # live-key jobs in about 12 s
  $ pixii-rx simulate --script failure,partial # the next job fails, the one after loses an image

It runs until Ctrl-C or SIGTERM, then exits 130.`,
    )
    .action(async (flags: SimulateFlags) => {
      const simulator = await startSimulator({
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
        ...(flags.timeScale === undefined ? {} : { timeScale: flags.timeScale }),
      })
      for (const outcome of flags.script ?? []) simulator.script(outcome)
      const { url, testKey, liveKey } = simulator
      if (flags.json === true || io.stdout.isTTY !== true) {
        io.stdout.write(`${JSON.stringify({ kind: 'simulator', url, testKey, liveKey })}\n`)
      } else {
        io.stdout.write(
          [
            `Pixii simulator on ${url} (no key, no network needed)`,
            `  test key (jobs finish in under a second): ${testKey}`,
            `  live key (jobs take about ${flags.timeScale === undefined ? 2 : Math.max(0.1, 2 * flags.timeScale).toFixed(1)} minutes): ${liveKey}`,
            '',
            'In another terminal:',
            `  export PIXII_BASE_URL=${url}`,
            `  export PIXII_API_KEY=${testKey}`,
            '  pixii-rx submit listing-builder --asin B0CHX1W1XY --country-code US --listing-type amazon_listing',
            '  pixii-rx watch <job-id>',
            '  pixii-rx download <job-id> --out images',
            '',
            'Press Ctrl-C to stop.',
            '',
          ].join('\n'),
        )
      }
      if (!io.stop.aborted) await new Promise((resolve) => io.stop.addEventListener('abort', resolve, { once: true }))
      await simulator.close()
      exit(interruptedExitCode)
    })
}
