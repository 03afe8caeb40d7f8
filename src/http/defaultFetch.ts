import { platformFetch } from './platformFetch.js'
import type * as Http from 'node:http'
import type * as Https from 'node:https'
import type { FetchLike } from './TransportConfig.js'
import { watchForBrokenAnswers } from './watchForBrokenAnswers.js'

type PickAgent = (url: URL) => Http.Agent

let agents: PickAgent | null | undefined

/**
 * In Node, keep-alive agents (the options of Node's global agent) that notice a connection that
 * closed mid-answer; `null` elsewhere. Made at the first request, through
 * `process.getBuiltinModule`, so that browsers and bundlers never meet `node:http`.
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

/**
 * The client's fetch when none is given: cross-fetch, or in a browser bundle the page's own
 * `fetch` (see platformFetch). In Node that is node-fetch 2, which would
 * let an answer whose connection broke mid-body wait for the request timeout; here it gets
 * agents that turn such a break into a `NetworkError` (`reset`) at once, with keep-alive as
 * Node's own agent has it.
 *
 * @param input - The URL.
 * @param init - The request.
 * @returns The answer.
 * @throws As any fetch: the promise rejects when no answer comes (refused, reset, aborted).
 *
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs'
 * import { createPixiiClient } from 'pixii-rx'
 * import { startSimulator } from 'pixii-rx/testing'
 * const simulator = await startSimulator()
 * simulator.faults.inject({ kind: 'reset' }, { times: 1 })
 * const pixii = createPixiiClient({ apiKey: simulator.testKey, baseUrl: simulator.url })
 * const id = simulator.createJob({ key: simulator.testKey })
 * const error = await lastValueFrom(pixii.getJob$(id)).catch((failure: unknown) => failure)
 * console.log((error as { _tag: string; failure: string })._tag, (error as { failure: string }).failure)
 * await simulator.close()
 * // Output: Network reset
 * ```
 */
export const defaultFetch: FetchLike = (input, init) => {
  const pick = nodeAgents()
  return pick === null ? platformFetch(input, init) : platformFetch(input, { ...init, agent: pick } as RequestInit)
}
