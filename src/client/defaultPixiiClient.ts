import { defer, type Observable } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import { ValidationError } from '../errors/ValidationError.js'
import type { WatchOptions } from '../watch/WatchOptions.js'
import { createPixiiClient } from './createPixiiClient.js'
import type { PixiiClient } from './PixiiClient.js'

let cached: { readonly apiKey: string; readonly baseUrl: string | undefined; readonly client: PixiiClient } | undefined

function environment(name: string): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name]
  return value === '' ? undefined : value
}

/**
 * The client that the top-level functions use, configured from `PIXII_API_KEY` and
 * `PIXII_BASE_URL` when first needed (and again if they change). Throws a `ValidationError` when
 * no key is set.
 *
 * @throws {@link ValidationError} (source `client`) when `PIXII_API_KEY` is not set, or when
 * `PIXII_BASE_URL` is not a URL {@link createPixiiClient} accepts.
 *
 * @example
 * ```ts
 * import { defaultPixiiClient } from 'pixii-rx'
 * process.env['PIXII_API_KEY'] = 'pk_test_example'
 * console.log(defaultPixiiClient().keyKind)
 * // Output: test
 * ```
 */
export function defaultPixiiClient(): PixiiClient {
  const apiKey = environment('PIXII_API_KEY')
  const baseUrl = environment('PIXII_BASE_URL')
  if (apiKey === undefined) {
    const message = 'PIXII_API_KEY is not set: set it, or create a client with createPixiiClient({ apiKey })'
    throw new ValidationError({ message, source: 'client', issues: [{ path: 'PIXII_API_KEY', message: 'is not set' }] })
  }
  if (cached?.apiKey !== apiKey || cached.baseUrl !== baseUrl) {
    cached = { apiKey, baseUrl, client: createPixiiClient({ apiKey, ...(baseUrl === undefined ? {} : { baseUrl }) }) }
  }
  return cached.client
}

/**
 * `watchJob$` on the default client (see {@link defaultPixiiClient}): the configuration is read
 * at subscription, so a missing key is a typed `ValidationError` in the error channel, not a
 * throw at import.
 *
 * @param id - The job id.
 * @param options - Schedule, retry policy and telemetry for this watch (see {@link WatchOptions}).
 * @throws In the error channel: a {@link ValidationError} at subscription when `PIXII_API_KEY` is not set, then
 * what a client's `watchJob$` errors with (`JobFailed`, `JobNotFound`, `Unauthorized`, `DecodeError`,
 * `RetriesExhausted`, and `Timeout` with `deadline` `total` past the overall deadline, 30 minutes by default).
 *
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs'
 * import { watchJob$ } from 'pixii-rx'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * process.env['PIXII_API_KEY'] = simulator.testKey
 * process.env['PIXII_BASE_URL'] = simulator.url
 * const job = await lastValueFrom(watchJob$(simulator.createJob({ key: simulator.testKey })))
 * console.log(job.status)
 * await simulator.close()
 * // Output: completed
 * ```
 */
export function watchJob$(id: string, options?: WatchOptions): Observable<Job> {
  return defer(() => defaultPixiiClient().watchJob$(id, options))
}
