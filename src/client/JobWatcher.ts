import type { PixiiClient } from './PixiiClient.js'

/**
 * What {@link createJobWatcher} makes: a client's `watchJob$`, `keyKind` and `requestStats`, and nothing else, so
 * that a bundle of it leaves out submissions, listings and their codecs. A {@link PixiiClient} is
 * a `JobWatcher` too: code written against this type takes either.
 *
 * @example
 * ```ts
 * import { map, type Observable } from 'rxjs'
 * import type { JobWatcher } from 'pixii-rx/watcher'
 * // Works with createJobWatcher(…) in a page and with createPixiiClient(…) on a server.
 * export const status$ = (pixii: JobWatcher, id: string): Observable<string> => pixii.watchJob$(id).pipe(map((job) => job.status))
 * ```
 */
export type JobWatcher = Pick<PixiiClient, 'keyKind' | 'watchJob$' | 'requestStats'>
