import type { Agent, ClientRequest, IncomingMessage } from 'node:http'

type AddRequest = (this: Agent, request: ClientRequest, options: unknown) => void

/**
 * Makes a Node `http.Agent` notice an answer whose connection closed before its body was
 * complete, and report it as an `error` on the request. node-fetch 2 (what cross-fetch runs in
 * Node) pipes the answer into a stream of its own and, for a body with a `Content-Length`, never
 * hears of such a close: the body would wait until the request timeout. It does destroy the body
 * with any error its request emits, so the reader fails at once, as with a browser's fetch.
 * Hooks `addRequest`, which every request of an agent goes through.
 *
 * @param agent - A keep-alive agent of `node:http` or `node:https`; it is changed in place.
 * @returns The same agent.
 * @throws Never.
 *
 * @example
 * ```ts
 * import { Agent } from 'node:http'
 * import { watchForBrokenAnswers } from './watchForBrokenAnswers.js'
 * const agent = watchForBrokenAnswers(new Agent({ keepAlive: true }))
 * console.log(agent instanceof Agent)
 * // Output: true
 * ```
 */
export function watchForBrokenAnswers<A extends Agent>(agent: A): A {
  const addRequest = (agent as unknown as { addRequest: AddRequest }).addRequest
  ;(agent as unknown as { addRequest: AddRequest }).addRequest = function (request, options) {
    request.once('response', (answer: IncomingMessage) => {
      answer.once('close', () => {
        // Emitting with no listener would throw; node-fetch listens for as long as it reads.
        if (!answer.complete && request.listenerCount('error') > 0) {
          request.emit('error', new Error('the connection closed before the answer was complete'))
        }
      })
    })
    addRequest.call(this, request, options)
  }
  return agent
}
