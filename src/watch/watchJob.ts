import { Observable } from 'rxjs'
import type { FetchLike } from '../http/TransportConfig.js'
import type { Job } from '../codecs/Job.js'
import { getDatedJob$ } from '../api/getJob.js'
import { ValidationError } from '../errors/ValidationError.js'
import { pollJob$ } from './pollJob.js'
import type { LoopTiming } from './LoopBody.js'
import { shareByKey } from '../rx/shareByKey.js'
import { watchDeadline } from './watchDeadline.js'
import type { WatchOptions } from './WatchOptions.js'
import type { PollEvent } from './PollEvent.js'
import { loopSettings } from './loopSettings.js'
import type { WatchDefaults } from './WatchDefaults.js'
import { WatchHub } from './watchHub.js'

type Listener = (event: PollEvent) => void

/** One client's job watching: `watchJob$`, and `loop$` for callers that checked their options once for many jobs. */
export interface JobWatching {
  readonly watchJob$: (id: string, options?: WatchOptions) => Observable<Job>
  /** The shared loop of one job, run with `timing` (and a job token) if it starts it. */
  readonly loop$: (id: string, timing: LoopTiming, token?: string) => Observable<Job>
}

const withToken = (fetch: FetchLike, token: string): FetchLike => (input, init) =>
  fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-pixii-job-token': token } })

/**
 * The `watchJob$` of one client: its settings, and one shared loop per job id: the `serverPush`
 * stream then polling when given (until a server says it has no stream), polling otherwise. The
 * overall deadline sits outside the share: each subscriber's counts from its own subscription
 * and ends only its own watch; the loop stops when its last subscriber leaves, timed out or not.
 */
export function watchJobFor(settings: WatchDefaults): JobWatching {
  const shared = shareByKey<string, Job>()
  // Each subscriber's own onPoll and onConnection, per job id: the shared loop tells all of them,
  // not only the one whose options started it (an ETA shown by a second view stays live).
  const hub = new WatchHub()
  let push = settings.serverPush
  const hear = (id: string, starter: Listener | undefined): Listener => (event) => {
    starter?.(event)
    hub.polled(id, event)
  }
  const loop$ = (id: string, timing: LoopTiming, token?: string) =>
    new Observable<Job>((subscriber) => {
      const start = () => {
        const transport = token === undefined ? settings : { ...settings, fetch: withToken(settings.fetch, token) }
        const poll$ = () =>
          hub.loop$(
            id,
            pollJob$({
              ...timing,
              onPoll: hear(id, timing.onPoll),
              jobId: id,
              poll: () => getDatedJob$(transport, id),
              onConnection: (state) => hub.report(id, state),
            }),
          )
        return push === undefined ? poll$() : push({ transport: settings, id, token, poll$, notOffered: () => (push = undefined) })
      }
      shared(id, start).subscribe(subscriber)
    })
  const watchJob$ = (id: string, options: WatchOptions = {}) =>
    new Observable<Job>((subscriber) => {
      const checked = loopSettings(settings, options, 'watchJob$')
      if (checked instanceof ValidationError) return subscriber.error(checked)
      const { timeoutMs, token, onPoll: _both, ...rest } = checked
      // The client's listener goes with the loop (once per poll), the watch's own with this subscriber.
      const timing = settings.onPoll === undefined ? rest : { ...rest, onPoll: settings.onPoll }
      const { onPoll, onConnection } = options
      if (onPoll !== undefined || onConnection !== undefined) subscriber.add(hub.join(id, { onPoll, onConnection }))
      loop$(id, timing, token).pipe(watchDeadline(id, timeoutMs, settings.scheduler)).subscribe(subscriber)
    })
  return { watchJob$, loop$ }
}
