import type { PixiiClientOptions } from './PixiiClientOptions.js'

/**
 * How to build a {@link JobWatcher}: the options of {@link PixiiClientOptions} that watching reads,
 * with the same meanings and defaults. The three that only submissions read, `rateLimits`, `limiter` and
 * `outcomeLookup`, are not options here.
 *
 * @example
 * ```ts
 * import type { JobWatcherOptions } from 'pixii-rx/watcher'
 * // In a page whose own server runs pixii-rx/proxy at /pixii: no key, a shorter deadline.
 * const options: JobWatcherOptions = { baseUrl: '/pixii', watchTimeoutMs: 10 * 60_000 }
 * console.log(Object.keys(options).join(' '))
 * // Output: baseUrl watchTimeoutMs
 * ```
 */
export type JobWatcherOptions = Omit<PixiiClientOptions, 'rateLimits' | 'limiter' | 'outcomeLookup'>
