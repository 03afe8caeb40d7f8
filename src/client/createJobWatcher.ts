import { detectRuntime } from '../browser/detectRuntime.js'
import { watchJobFor } from '../watch/watchJob.js'
import type { JobWatcher } from './JobWatcher.js'
import type { JobWatcherOptions } from './JobWatcherOptions.js'
import { normalizeWatcherOptions } from './normalizeWatcherOptions.js'

/**
 * Creates a {@link JobWatcher}: `watchJob$` as a client has it (the same options, defaults, shared
 * loop per job, retries, deadline and errors), without submissions or listings. Import it from
 * `pixii-rx/watcher` where bundle size counts, as in a page that only shows jobs that its server
 * submitted: a browser bundle of it is about half of one of {@link createPixiiClient}, which holds
 * every method on one object that no bundler can take apart.
 *
 * @param options - See {@link JobWatcherOptions}: the client's options that watching reads.
 * @throws {@link ValidationError} (source `client`) at once when an option is invalid or unknown (`rateLimits`
 * and `outcomeLookup` included), naming every offending option (never the key itself). `watchJob$` reports
 * its own failures in its error channel, as a client's does.
 *
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs'
 * import { createJobWatcher } from 'pixii-rx/watcher'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * const watcher = createJobWatcher({ apiKey: simulator.testKey, baseUrl: simulator.url })
 * const job = await lastValueFrom(watcher.watchJob$(simulator.createJob({ key: simulator.testKey })))
 * console.log(watcher.keyKind, job.status)
 * await simulator.close()
 * // Output: test completed
 * ```
 */
export function createJobWatcher(options: JobWatcherOptions): JobWatcher {
  const settings = normalizeWatcherOptions(options, 'createJobWatcher', detectRuntime())
  const { watchJob$ } = watchJobFor(settings)
  return { keyKind: settings.keyKind, watchJob$, requestStats: () => settings.gate.state() }
}
