import type { PixiiError } from '../errors/PixiiError.js'

/**
 * Where a watch stands with the network, for a UI to show: `online` (answers come), `reconnecting`
 * (a transient failure, retried after `retryInMs`), `offline` (the browser says it has no network:
 * no request until it is back, then one at once), `hidden` (the page is hidden: no request until
 * it is shown, then one at once). Pass `onConnection` to `watchJob$` to receive it.
 *
 * @example
 * ```ts
 * import type { ConnectionState } from 'pixii-rx/advanced'
 * const banner = (state: ConnectionState): string =>
 *   state.kind === 'reconnecting' ? `reconnecting (${state.failures} failed, next try in ${state.retryInMs} ms)` : state.kind
 * console.log(banner({ kind: 'offline' }))
 * // Output: offline
 * ```
 */
export type ConnectionState =
  | { readonly kind: 'online' }
  | { readonly kind: 'offline' }
  | { readonly kind: 'hidden' }
  | { readonly kind: 'reconnecting'; readonly failures: number; readonly retryInMs: number; readonly error: PixiiError }
