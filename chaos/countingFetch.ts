import type { FetchLike } from '../src/advanced/index.js'

/** A fetch that counts, per job id, the requests it was called with and those not answered yet. */
export interface CountingFetch {
  readonly fetch: FetchLike
  /** Calls for `GET /v1/api/jobs/{id}` so far. */
  calls(id: string): number
  /**
   * Of those, the ones with neither headers nor a failure yet: the only ones that may still
   * reach the server later. Once headers are in, the server has logged the request.
   */
  unanswered(id: string): number
}

const JOB_PATH = /\/v1\/api\/jobs\/([^/?#]+)/

/**
 * Wraps `inner` to count requests per job id on the client's side of the wire: what the client
 * asked for, whether or not it reached the server. `onCall` hears of each request for a job once
 * it has been handed to `inner`. The response is passed through untouched (a
 * node-fetch body is a Node stream, a global fetch body a web stream).
 */
export function countingFetch(inner: FetchLike, onCall?: (id: string) => void): CountingFetch {
  const calls = new Map<string, number>()
  const open = new Map<string, number>()
  const bump = (map: Map<string, number>, id: string, by: number): void => {
    map.set(id, (map.get(id) ?? 0) + by)
  }
  return {
    fetch: async (input, init) => {
      const id = JOB_PATH.exec(input)?.[1]
      if (id === undefined) return inner(input, init)
      bump(calls, id, 1)
      bump(open, id, 1)
      const answer = inner(input, init)
      onCall?.(id)
      try {
        return await answer
      } finally {
        bump(open, id, -1)
      }
    },
    calls: (id) => calls.get(id) ?? 0,
    unanswered: (id) => open.get(id) ?? 0,
  }
}
