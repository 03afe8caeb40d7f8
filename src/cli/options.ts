import { InvalidArgumentError, type Command } from 'commander'
import type { CliIo } from './CliIo.js'
import type { ConnectionFlags } from './connect.js'

/** The flags shared by the commands that call Pixii. */
export interface CommonFlags extends ConnectionFlags {
  readonly json?: boolean
}

/**
 * A commander argument parser for a whole number ≥ `min`; a bad value is a usage error.
 *
 * @example
 * ```ts
 * import { wholeNumber } from './options.js'
 * console.log(wholeNumber(1)('4'))
 * try {
 *   wholeNumber(1)('0')
 * } catch (error) {
 *   console.log((error as Error).message)
 * }
 * // Output: 4
 * // Output: expected a whole number ≥ 1
 * ```
 */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value)
    if (!/^\d+$/.test(value.trim()) || parsed < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`)
    return parsed
  }
}

/**
 * Adds `--api-key`, `--base-url`, `--max-retries` and `--json` to a command.
 *
 * @example
 * ```ts
 * import { Command } from 'commander'
 * import { withCommonFlags } from './options.js'
 * const command = withCommonFlags(new Command('watch'))
 * console.log(command.options.map((option) => option.long).join(' '))
 * // Output: --api-key --base-url --max-retries --json
 * ```
 */
export function withCommonFlags(command: Command): Command {
  return command
    .option('--api-key <key>', 'the API key (default: $PIXII_API_KEY)')
    .option('--base-url <url>', 'the API (default: $PIXII_BASE_URL, else https://api.pixii.ai)')
    .option('--max-retries <n>', 'transient failures in a row to ride out before giving up (default: 8)', wholeNumber(0))
    .option('--json', 'print NDJSON events, one per line (the default when stdout is not a terminal)')
}

/**
 * Whether a command prints NDJSON: with `--json`, or whenever stdout is not a terminal.
 *
 * @example
 * ```ts
 * import { wantsJson } from './options.js'
 * console.log(wantsJson({}, { stdout: { write: () => true, isTTY: true } }), wantsJson({}, { stdout: { write: () => true } }))
 * // Output: false true
 * ```
 */
export function wantsJson(flags: CommonFlags, io: Pick<CliIo, 'stdout'>): boolean {
  return flags.json === true || io.stdout.isTTY !== true
}
