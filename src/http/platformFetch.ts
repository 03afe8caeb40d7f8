import crossFetch from 'cross-fetch'
import type { FetchLike } from './TransportConfig.js'

// Outside browsers, cross-fetch: node-fetch 2, which takes the `agent` that defaultFetch passes.
// package.json's `browser` field swaps this file for platformFetch.browser.js, so that bundles
// for browsers carry neither cross-fetch nor its XMLHttpRequest polyfill.
export const platformFetch: FetchLike = crossFetch
