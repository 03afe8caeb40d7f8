import { createPixiiClient } from '../client/createPixiiClient.js'
import type { PixiiClient } from '../client/PixiiClient.js'
import { ValidationError } from '../errors/ValidationError.js'
import type { CliIo } from './CliIo.js'

/** The connection flags every command that calls Pixii takes. */
export interface ConnectionFlags {
  readonly apiKey?: string
  readonly baseUrl?: string
  readonly maxRetries?: number
  /** `--timeout`: the overall deadline of each watch in milliseconds, `false` for none (default: the client's). */
  readonly timeout?: number | false
}

/**
 * A client from the flags, falling back to `PIXII_API_KEY` and `PIXII_BASE_URL`. Throws a
 * client-side `ValidationError` (a usage error, exit 2) when there is no key or an option is bad.
 *
 * @example
 * ```ts
 * import { asyncScheduler } from 'rxjs'
 * import { connect } from './connect.js'
 * const io = { stdout: process.stdout, stderr: process.stderr, env: { PIXII_API_KEY: 'pk_test_abc' }, scheduler: asyncScheduler, stop: new AbortController().signal }
 * console.log(connect({}, io).keyKind)
 * try {
 *   connect({}, { ...io, env: {} })
 * } catch (error) {
 *   console.log((error as Error).message)
 * }
 * // Output: test
 * // Output: No API key: pass --api-key or set PIXII_API_KEY
 * ```
 */
export function connect(flags: ConnectionFlags, io: CliIo): PixiiClient {
  const apiKey = flags.apiKey ?? (io.env['PIXII_API_KEY'] || undefined)
  const baseUrl = flags.baseUrl ?? (io.env['PIXII_BASE_URL'] || undefined)
  if (apiKey === undefined) {
    throw new ValidationError({ message: 'No API key: pass --api-key or set PIXII_API_KEY', source: 'client', issues: [{ path: 'api-key', message: 'missing' }] })
  }
  return createPixiiClient({
    apiKey,
    scheduler: io.scheduler,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(flags.maxRetries === undefined ? {} : { retry: { maxConsecutiveFailures: flags.maxRetries } }),
    ...(flags.timeout === undefined ? {} : { watchTimeoutMs: flags.timeout }),
  })
}
