import crossFetch from 'cross-fetch'
import type * as Http from 'node:http'
import type * as Https from 'node:https'
import type { FetchLike } from './TransportConfig.js'
import { watchForBrokenAnswers } from './watchForBrokenAnswers.js'

// Outside browsers, cross-fetch: node-fetch 2, given agents that notice a broken answer (below).
// package.json's `browser` field swaps this file for platformFetch.browser.js, so that bundles
// for browsers carry neither cross-fetch, nor its XMLHttpRequest polyfill, nor these agents.

type PickAgent = (url: URL) => Http.Agent

let agents: PickAgent | null | undefined

/**
 * In Node, keep-alive agents (the options of Node's global agent) that notice a connection that
 * closed mid-answer; `null` elsewhere. Made at the first request, through
 * `process.getBuiltinModule`, so that bundlers never meet `node:http`.
 */
function nodeAgents(): PickAgent | null {
  if (agents !== undefined) return agents
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule
  if (typeof getBuiltin !== 'function') return (agents = null)
  const http = getBuiltin('node:http') as typeof Http
  const https = getBuiltin('node:https') as typeof Https
  const options = { keepAlive: true, scheduling: 'lifo', timeout: 5_000 } as const
  const plain = watchForBrokenAnswers(new http.Agent(options))
  const secure = watchForBrokenAnswers(new https.Agent(options))
  return (agents = (url) => (url.protocol === 'http:' ? plain : secure))
}

export const platformFetch: FetchLike = (input, init) => {
  const pick = nodeAgents()
  return pick === null ? crossFetch(input, init) : crossFetch(input, { ...init, agent: pick } as RequestInit)
}
