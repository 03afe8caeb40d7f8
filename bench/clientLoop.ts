import type { Subscription } from 'rxjs'
import { createPixiiClient, fixedSchedule } from '../src/index.js'
import type { FetchLike } from '../src/advanced/index.js'
import type { PollWorkload } from './pollWorkload.js'

/**
 * pixii-rx doing benchmark 2's work: one client with `maxInFlight: cap` watching every id with
 * `watchJobs$`, each watch polling again as soon as its answer is in (a 0 ms schedule), so that
 * the cap, not the schedule, sets the pace. `fetch` is the client's (its default when absent).
 */
export function startClientLoop(
  server: { url: string; key: string; ids: readonly string[] },
  cap: number,
  fetch?: FetchLike,
): PollWorkload {
  let polls = 0
  let failures = 0
  const client = createPixiiClient({
    apiKey: server.key,
    baseUrl: server.url,
    maxInFlight: cap,
    ...(fetch === undefined ? {} : { fetch }),
    onPoll: (event) => {
      if (event.outcome.kind === 'error') failures += 1
      else polls += 1
    },
  })
  const subscription: Subscription = client
    .watchJobs$(server.ids, { schedule: fixedSchedule(0), batchByAsin: false })
    .subscribe({ error: () => (failures += 1) })
  return {
    polls: () => polls,
    failures: () => failures,
    stop() {
      subscription.unsubscribe()
      return Promise.resolve()
    },
  }
}
