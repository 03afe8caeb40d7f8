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

const units: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }

/**
 * A commander argument parser for `--timeout`: a duration such as `90s`, `30m`, `1h` or `1500ms`
 * (a bare number is seconds), or `0` / `off` for no deadline (`false`). A bad value is a usage error.
 *
 * @example
 * ```ts
 * import { duration } from './options.js'
 * console.log(duration('90s'), duration('30m'), duration('2'), duration('off'))
 * try {
 *   duration('soon')
 * } catch (error) {
 *   console.log((error as Error).message)
 * }
 * // Output: 90000 1800000 2000 false
 * // Output: expected a duration such as 90s, 30m or 1h (a bare number is seconds), or 0 or off for none
 * ```
 */
export function duration(value: string): number | false {
  const text = value.trim().toLowerCase()
  if (text === 'off' || /^0+(\.0+)?(ms|s|m|h)?$/.test(text)) return false
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text)
  const ms = match === null ? Number.NaN : Math.round(Number(match[1]) * (units[match[2] ?? 's'] ?? Number.NaN))
  if (!(Number.isFinite(ms) && ms > 0)) {
    throw new InvalidArgumentError('expected a duration such as 90s, 30m or 1h (a bare number is seconds), or 0 or off for none')
  }
  return ms
}

/**
 * A commander argument parser for a duration that must be at least `minMs`: `--interval`,
 * `--max-wait`. Same syntax as {@link duration}, without `off`.
 *
 * @example
 * ```ts
 * import { atLeast } from './options.js'
 * console.log(atLeast(1_000)('5s'))
 * try {
 *   atLeast(1_000)('200ms')
 * } catch (error) {
 *   console.log((error as Error).message)
 * }
 * // Output: 5000
 * // Output: expected a duration of at least 1s, such as 5s, 2m or 1h (a bare number is seconds)
 * ```
 */
export function atLeast(minMs: number): (value: string) => number {
  return (value) => {
    let ms: number | false
    try {
      ms = duration(value)
    } catch {
      ms = false
    }
    if (ms === false || ms < minMs) {
      throw new InvalidArgumentError(`expected a duration of at least ${minMs >= 1_000 ? `${minMs / 1_000}s` : `${minMs}ms`}, such as 5s, 2m or 1h (a bare number is seconds)`)
    }
    return ms
  }
}

/**
 * Adds `--timeout <duration>` (the overall deadline of each watch) and `--interval <duration>` (a
 * fixed poll interval instead of the adaptive schedule) to a command that watches jobs.
 *
 * @example
 * ```ts
 * import { Command } from 'commander'
 * import { withWatchFlags } from './options.js'
 * console.log(withWatchFlags(new Command('watch')).options.map((option) => option.long).join(' '))
 * // Output: --timeout --interval
 * ```
 */
export function withWatchFlags(command: Command): Command {
  return command
    .option(
      '--timeout <duration>',
      'give up watching a job after this long, e.g. 90s, 30m, 1h; 0 or off for never (default: 30m); the job may still finish on Pixii',
      duration,
    )
    .option('--interval <duration>', 'poll every this long, at least 1s, e.g. 5s (default: an adaptive schedule that learns how long jobs take)', atLeast(1_000))
}

/**
 * Adds the key flags (`--api-key-file`, `--api-key-stdin`, `--api-key`), `--base-url`,
 * `--max-retries` and `--json` (described by `json`) to a command.
 *
 * @example
 * ```ts
 * import { Command } from 'commander'
 * import { withCommonFlags } from './options.js'
 * const command = withCommonFlags(new Command('watch'))
 * console.log(command.options.map((option) => option.long).join(' '))
 * // Output: --api-key-file --api-key-stdin --api-key --base-url --max-retries --json
 * ```
 */
export function withCommonFlags(command: Command, json = 'print NDJSON events, one per line (the default when stdout is not a terminal)'): Command {
  return command
    .option('--api-key-file <path>', 'read the API key from the first line of this file (default: $PIXII_API_KEY)')
    .option('--api-key-stdin', 'read the API key from the first line of standard input (a pipe, not a terminal)')
    .option('--api-key <key>', 'the API key itself: visible in ps and shell history, prefer the two above or $PIXII_API_KEY')
    .option('--base-url <url>', 'the API (default: $PIXII_BASE_URL, else https://api.pixii.ai)')
    .option('--max-retries <n>', 'transient failures in a row to ride out before giving up (default: 8)', wholeNumber(0))
    .option('--json', json)
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
