import { Command, InvalidArgumentError } from 'commander'
import { LEDGER_PATH } from '../../testing/httpTransport.js'
import { startSimulator } from '../../testing/startSimulator.js'
import type { Outcome } from '../../testing/outcome.js'
import type { CliIo } from '../CliIo.js'
import { interruptedExitCode } from '../stopped.js'

interface SimulateFlags {
  readonly seed?: number
  readonly timeScale?: number
  readonly script?: Outcome[]
  readonly credits?: number
  readonly perMinute?: number
  readonly perDay?: number
  readonly lostAnswers?: number
  readonly answerDelay?: number
  readonly requests?: boolean
  readonly ledger?: boolean
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

function wholeNumber(value: string): number {
  const parsed = Number(value)
  if (value.trim() === '' || !Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number ≥ 1')
  return parsed
}

function fraction(value: string): number {
  const parsed = Number(value)
  if (value.trim() === '' || !(parsed >= 0 && parsed <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1')
  return parsed
}

/**
 * `pixii-rx simulate`: serves the Pixii simulator of `pixii-rx/testing` on 127.0.0.1 until
 * SIGINT or SIGTERM, and prints its URL and its keys (as a JSON line with `--json` or when
 * stdout is not a terminal). Stopped, it closes the server and exits 130, as every command does.
 * For a client under test in another process: `--requests` prints each API request as it
 * arrives, `--ledger` serves the simulator's truth at `GET /_simulator/ledger`, and
 * `--lost-answers`/`--answer-delay` make submissions' answers go missing or come late.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs'
 * import { simulateCommand } from './simulateCommand.js'
 * const io = { stdout: process.stdout, stderr: process.stderr, env: {}, scheduler: asyncScheduler, stop: new AbortController().signal }
 * console.log(simulateCommand(io, () => undefined).options.map((option) => option.long).join(' '))
 * // Output: --seed --time-scale --script --credits --per-minute --per-day --lost-answers --answer-delay --requests --ledger --json
 * ```
 */
export function simulateCommand(io: CliIo, exit: (code: number) => void): Command {
  return new Command('simulate')
    .description('Run a local Pixii simulator (no key, no network) and print its URL and keys.')
    .option('--seed <n>', 'seed of every random choice: keys, job ids, durations (default: 1)', number)
    .option('--time-scale <factor>', 'multiplies how long live-key jobs take (default: 1, about 2 minutes)', number)
    .option('--script <outcomes>', 'how the next submissions end, in order: success, partial, failure (comma-separated)', parseScript)
    .option('--credits <n>', "each organisation's starting credits (default: 10000)", wholeNumber)
    .option('--per-minute <n>', 'submissions allowed per minute and organisation (default: 10)', wholeNumber)
    .option('--per-day <n>', 'submissions allowed per day and organisation (default: 500)', wholeNumber)
    .option('--lost-answers <fraction>', 'share of submissions whose answer is cut off after the job was created (default: 0)', fraction)
    .option('--answer-delay <ms>', 'each submission creates its job at once and is answered this many ms later (default: 0)', number)
    .option('--requests', 'print each API request as it arrives (a JSON line each with --json)')
    .option('--ledger', "serve the simulator's truth (jobs, image hashes, credits) as JSON at GET /_simulator/ledger")
    .option('--json', 'print one JSON line with the URL and keys (the default when stdout is not a terminal)')
    .addHelpText(
      'after',
      `
Examples:
  $ pixii-rx simulate                          # then, in another terminal, the export lines it prints
  $ pixii-rx simulate --time-scale 0.1         # live-key jobs in about 12 s
  $ pixii-rx simulate --script failure,partial # the next job fails, the one after loses an image
  $ pixii-rx simulate --lost-answers 0.05 --answer-delay 500 --requests --ledger
                                               # a test judging a client: answers lost or late,
                                               # each request printed, the truth at /_simulator/ledger

It runs until Ctrl-C or SIGTERM, then exits 130.`,
    )
    .action(async (flags: SimulateFlags) => {
      const limits = flags.perMinute === undefined && flags.perDay === undefined ? {} : { rateLimits: { perMinute: flags.perMinute ?? 10, perDay: flags.perDay ?? 500 } }
      const simulator = await startSimulator({
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
        ...(flags.timeScale === undefined ? {} : { timeScale: flags.timeScale }),
        ...(flags.credits === undefined ? {} : { credits: flags.credits }),
        ...limits,
        serveLedger: flags.ledger === true,
      })
      for (const outcome of flags.script ?? []) simulator.script(outcome)
      // Probability rules are tried in order: a lost answer first, else a late one.
      if (flags.lostAnswers !== undefined && flags.lostAnswers > 0) simulator.faults.rate({ kind: 'reset' }, flags.lostAnswers, { match: { method: 'POST' } })
      if (flags.answerDelay !== undefined && flags.answerDelay > 0) simulator.faults.rate({ kind: 'delayed-answer', ms: flags.answerDelay }, 1, { match: { method: 'POST' } })
      const json = flags.json === true || io.stdout.isTTY !== true
      const { url, testKey, liveKey } = simulator
      const ledger = flags.ledger === true ? { ledger: `${url}${LEDGER_PATH}` } : {}
      if (json) {
        io.stdout.write(`${JSON.stringify({ kind: 'simulator', url, testKey, liveKey, ...ledger })}\n`)
      } else {
        io.stdout.write(
          [
            `Pixii simulator on ${url} (no key, no network needed)`,
            `  test key (jobs finish in under a second): ${testKey}`,
            `  live key (jobs take about ${flags.timeScale === undefined ? 2 : Math.max(0.1, 2 * flags.timeScale).toFixed(1)} minutes): ${liveKey}`,
            ...(flags.ledger === true ? [`  truth (jobs, image hashes, credits): ${url}${LEDGER_PATH}`] : []),
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
      const printed = flags.requests === true
        ? simulator.requests$.subscribe(({ seq, method, path, at }) =>
            io.stdout.write(json ? `${JSON.stringify({ kind: 'request', seq, method, path, at })}\n` : `#${seq} ${method} ${path}\n`),
          )
        : undefined
      if (!io.stop.aborted) await new Promise((resolve) => io.stop.addEventListener('abort', resolve, { once: true }))
      printed?.unsubscribe()
      await simulator.close()
      exit(interruptedExitCode)
    })
}
