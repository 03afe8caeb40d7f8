import { finalize, Observable } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import { getJob$ } from '../api/getJob.js'
import { ValidationError } from '../errors/ValidationError.js'
import { pollJob$ } from './pollJob.js'
import type { LoopTiming } from './LoopBody.js'
import { shareByKey } from '../rx/shareByKey.js'
import { watchDeadline } from './watchDeadline.js'
import type { WatchOptions } from './WatchOptions.js'
import { loopSettings } from './loopSettings.js'
import type { WatchDefaults } from './WatchDefaults.js'
import { ConnectionHub } from './connectionHub.js'

/** One client's job watching: `watchJob$`, and `loop$` for callers that checked their options once for many jobs. */
export interface JobWatching {
  readonly watchJob$: (id: string, options?: WatchOptions) => Observable<Job>
  /** The shared loop of one job, run with `timing` if it starts it. */
  readonly loop$: (id: string, timing: LoopTiming) => Observable<Job>
}

/**
 * The `watchJob$` of one client: its settings, and one shared polling loop per job id. The overall
 * deadline sits outside the share: each subscriber's counts from its own subscription and ends
 * only its own watch; the loop stops when its last subscriber leaves, timed out or not.
 */
export function watchJobFor(settings: WatchDefaults): JobWatching {
  const shared = shareByKey<string, Job>()
  const hub = new ConnectionHub()
  const loop$ = (id: string, timing: LoopTiming) =>
    shared(id, () =>
      pollJob$({ ...timing, jobId: id, poll: () => getJob$(settings, id), onConnection: (state) => hub.report(id, state) }).pipe(
        finalize(() => hub.report(id, undefined)),
      ),
    )
  const watchJob$ = (id: string, options: WatchOptions = {}) =>
    new Observable<Job>((subscriber) => {
      const checked = loopSettings(settings, options, 'watchJob$')
      if (checked instanceof ValidationError) return subscriber.error(checked)
      const { timeoutMs, ...timing } = checked
      const { onConnection } = options
      if (onConnection !== undefined) subscriber.add(hub.listen(id, onConnection))
      loop$(id, timing).pipe(watchDeadline(id, timeoutMs, settings.scheduler)).subscribe(subscriber)
    })
  return { watchJob$, loop$ }
}
