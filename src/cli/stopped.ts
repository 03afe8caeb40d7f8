import { fromEvent, of, take, type Observable } from 'rxjs'

/** The exit code of a command stopped by SIGINT or SIGTERM (128 + SIGINT), as shells expect. */
export const interruptedExitCode = 130

/**
 * Emits once when `signal` aborts (at once if it already has): for `takeUntil`, so that Ctrl-C
 * ends a watch cleanly, with its display's summary.
 *
 * @example
 * ```ts
 * import { stopped$ } from './stopped.js'
 * const controller = new AbortController()
 * stopped$(controller.signal).subscribe(() => console.log('stopped'))
 * controller.abort()
 * // Output: stopped
 * ```
 */
export function stopped$(signal: AbortSignal): Observable<unknown> {
  return signal.aborted ? of(undefined) : fromEvent(signal, 'abort').pipe(take(1))
}
