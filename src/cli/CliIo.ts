import type { SchedulerLike } from 'rxjs'

/** A writable terminal or pipe, as much of it as the CLI uses. */
export interface CliOutput {
  write(text: string): boolean
  readonly isTTY?: boolean
  readonly columns?: number
  readonly rows?: number
  /** Present on real streams: `write` returned false, wait for `drain`. */
  once?(event: 'drain', listener: () => void): unknown
}

/**
 * Everything the CLI touches outside itself, so that tests can run it in-process and the real
 * entry (`main.ts`) passes the process's own.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs'
 * import type { CliIo } from './CliIo.js'
 * const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, scheduler: asyncScheduler, stop: new AbortController().signal }
 * ```
 */
export interface CliIo {
  readonly stdout: CliOutput
  readonly stderr: CliOutput
  /** Where `PIXII_API_KEY` and `PIXII_BASE_URL` are read. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** The clock of elapsed times and of the display's redraws. */
  readonly scheduler: SchedulerLike
  /** Aborted on SIGINT or SIGTERM: `simulate` stops then. */
  readonly stop: AbortSignal
}
