import type { SchedulerLike } from 'rxjs'
import type { FetchLike } from '../http/TransportConfig.js'

/** A writable terminal or pipe, as much of it as the CLI uses. */
export interface CliOutput {
  write(text: string): boolean
  readonly isTTY?: boolean
  readonly columns?: number
  readonly rows?: number
  /** Present on real streams: `write` returned false, wait for `drain`. */
  once?(event: 'drain', listener: () => void): unknown
  /** Present on terminals: the window changed size (Node's `process.stdout` emits `resize`). */
  on?(event: 'resize', listener: () => void): unknown
  off?(event: 'resize', listener: () => void): unknown
}

/** A readable terminal or pipe: where `--api-key-stdin` reads the key. */
export interface CliInput extends AsyncIterable<string | Uint8Array> {
  readonly isTTY?: boolean
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
  /** Where `--api-key-stdin` reads the key (`process.stdin`); without it, that flag is a usage error. */
  readonly stdin?: CliInput
  /** Where `PIXII_API_KEY`, `PIXII_BASE_URL`, `NO_COLOR`, `FORCE_COLOR` and `TERM` are read. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** The clock of elapsed times, polls, waits and the display's redraws. */
  readonly scheduler: SchedulerLike
  /** Aborted on the first SIGINT or SIGTERM: every command stops then and says where it was. */
  readonly stop: AbortSignal
  /** The client's fetch (default: the library's), for tests that run the CLI in virtual time. */
  readonly fetch?: FetchLike
}
