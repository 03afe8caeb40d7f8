import type { FetchLike } from './TransportConfig.js'

// In browsers, the page's own fetch, looked up at each call: a wrapper the page installs on
// window.fetch (a service worker shim, instrumentation) sees every request.
export const platformFetch: FetchLike = (input, init) => globalThis.fetch(input, init)
