/**
 * `pixii-rx/proxy` (Node): a request handler that lets a browser use Pixii through your server,
 * which holds the key. This file only re-exports.
 *
 * @example
 * ```ts
 * import { createPixiiProxy, type PixiiProxyOptions, type ProxyEvent, type ProxyRoute } from 'pixii-rx/proxy'
 * ```
 * @module pixii-rx/proxy
 */
export { createPixiiProxy, type PixiiProxyHandler } from './createPixiiProxy.js'
export type { PixiiProxyOptions } from './PixiiProxyOptions.js'
export type { ProxyEvent, ProxyOutcome } from './ProxyEvent.js'
export type { ProxyRoute } from './ProxyRoute.js'
