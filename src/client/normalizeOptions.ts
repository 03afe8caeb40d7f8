import { detectRuntime, type Runtime } from '../browser/detectRuntime.js'
import type { RequestGate } from '../http/RequestGate.js'
import { checkSubmissionOptions } from '../submit/checkSubmissionOptions.js'
import type { SubmitterSettings } from '../submit/SubmitterSettings.js'
import { normalizeWatcherOptions, type WatcherSettings } from './normalizeWatcherOptions.js'
import type { PixiiClientOptions } from './PixiiClientOptions.js'

/**
 * Normalised client settings: the transport's, plus what the key says.
 *
 * @example
 * ```ts
 * import type { ClientSettings } from './normalizeOptions.js'
 * // What createPixiiClient builds from its options; code outside pixii-rx rarely needs it.
 * const describe = (settings: ClientSettings): string => `${settings.baseUrl}, ${settings.keyKind} key, ${settings.gate.limit} at once`
 * ```
 */
export interface ClientSettings extends WatcherSettings, SubmitterSettings {
  readonly gate: RequestGate
}

// The options only a client that submits reads; the rest are the watcher's.
const submissionOptions: readonly string[] = ['rateLimits', 'limiter', 'outcomeLookup']

/**
 * Checks and completes client options in one place: the watcher's (see `normalizeWatcherOptions`),
 * then the submission options. A bad option throws a {@link ValidationError} whose message names
 * every offending field. `runtime` says whether this is a browser; tests pass one.
 */
export function normalizeOptions(options: PixiiClientOptions, runtime: Runtime = detectRuntime()): ClientSettings {
  return normalizeWatcherOptions(options, 'createPixiiClient', runtime, submissionOptions, checkSubmissionOptions)
}
