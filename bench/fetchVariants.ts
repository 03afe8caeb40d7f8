import crossFetch from 'cross-fetch'
import { Agent } from 'node:http'
import type { FetchLike } from '../src/advanced/index.js'

const noKeepAliveAgent = new Agent({ keepAlive: false })

/**
 * cross-fetch as node-fetch 2 behaved before Node 19 made `http.globalAgent` keep-alive: a new
 * TCP connection for every request. node-fetch takes an `agent` in its init; the DOM's
 * `RequestInit` type does not know it.
 */
export const fetchWithoutKeepAlive: FetchLike = (input, init) =>
  crossFetch(input, { ...init, agent: noKeepAliveAgent } as RequestInit)

/** Node's own fetch (undici), keep-alive by default. */
export const nodeGlobalFetch: FetchLike = (input, init) => globalThis.fetch(input, init)
