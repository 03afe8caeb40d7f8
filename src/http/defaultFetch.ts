import { platformFetch } from './platformFetch.js'
import type { FetchLike } from './TransportConfig.js'

/**
 * The client's fetch when none is given: cross-fetch, or in a browser bundle the page's own
 * `fetch` (see platformFetch). In Node that is node-fetch 2, which would
 * let an answer whose connection broke mid-body wait for the request timeout; here it gets
 * agents that turn such a break into a `NetworkError` (`reset`) at once, with keep-alive as
 * Node's own agent has it. Those agents live in the Node twin of platformFetch, so that a browser
 * bundle carries none of them.
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
export const defaultFetch: FetchLike = (input, init) => platformFetch(input, init)
