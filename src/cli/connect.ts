import { createPixiiClient } from '../client/createPixiiClient.js'
import type { PixiiClient } from '../client/PixiiClient.js'
import { ValidationError } from '../errors/ValidationError.js'
import { fixedSchedule } from '../schedules/fixedSchedule.js'
import { resolveApiKey, type ApiKeyFlags } from './apiKey.js'
import type { CliIo } from './CliIo.js'

/** The connection flags every command that calls Pixii takes. */
export interface ConnectionFlags extends ApiKeyFlags {
  readonly baseUrl?: string
  readonly maxRetries?: number
  /** `--timeout`: the overall deadline of each watch in milliseconds, `false` for none (default: the client's). */
  readonly timeout?: number | false
  /** `--interval`: poll every this many milliseconds instead of the adaptive schedule. */
  readonly interval?: number
}

/** A client, and the key it holds (to redact from whatever the command prints, whatever its shape). */
export interface Connection {
  readonly client: PixiiClient
  readonly secrets: readonly string[]
}

/**
 * A client from the flags, falling back to `PIXII_API_KEY` and `PIXII_BASE_URL` (see
 * `resolveApiKey` for where the key may come from). Rejects with a client-side `ValidationError`
 * (a usage error, exit 2) when there is no key or an option is bad.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs'
 * import { connect } from './connect.js'
 * const io = { stdout: process.stdout, stderr: process.stderr, env: { PIXII_API_KEY: 'pk_test_abc' }, scheduler: asyncScheduler, stop: new AbortController().signal }
 * console.log((await connect({}, io)).client.keyKind)
 * await connect({}, { ...io, env: {} }).catch((error: Error) => console.log(error.message))
 * // Output: test
 * // Output: No API key: set PIXII_API_KEY, or pass --api-key-file <path> or --api-key-stdin
 * ```
 */
export async function connect(flags: ConnectionFlags, io: CliIo): Promise<Connection> {
  const apiKey = await resolveApiKey(flags, io)
  const baseUrl = flags.baseUrl ?? (io.env['PIXII_BASE_URL'] || undefined)
  if (apiKey === undefined) {
    const message = 'No API key: set PIXII_API_KEY, or pass --api-key-file <path> or --api-key-stdin'
    throw new ValidationError({ message, source: 'client', issues: [{ path: 'api-key', message: 'missing' }] })
  }
  const client = createPixiiClient({
    apiKey,
    scheduler: io.scheduler,
    ...(io.fetch === undefined ? {} : { fetch: io.fetch }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(flags.maxRetries === undefined ? {} : { retry: { maxConsecutiveFailures: flags.maxRetries } }),
    ...(flags.timeout === undefined ? {} : { watchTimeoutMs: flags.timeout }),
    ...(flags.interval === undefined ? {} : { schedule: fixedSchedule(flags.interval) }),
  })
  return { client, secrets: [apiKey] }
}
