import { Observable } from 'rxjs'
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

type Listener = (event: PollEvent) => void

/** One client's job watching: `watchJob$`, and `loop$` for callers that checked their options once for many jobs. */
export interface JobWatching {
  readonly watchJob$: (id: string, options?: WatchOptions) => Observable<Job>
  /** The shared loop of one job, run with `timing` if it starts it; `own` hears its polls while subscribed, whoever started it. */
  readonly loop$: (id: string, timing: LoopTiming, own?: Listener) => Observable<Job>
}

/**
 * The `watchJob$` of one client: its settings, and one shared polling loop per job id. The overall
 * deadline sits outside the share: each subscriber's counts from its own subscription and ends
 * only its own watch; the loop stops when its last subscriber leaves, timed out or not.
 */
export function watchJobFor(settings: WatchDefaults): JobWatching {
  const shared = shareByKey<string, Job>()
  // Each watchJob$ subscriber's own onPoll, per job id: the shared loop tells all of them, not
  // only the one whose options started it (an ETA shown by a second view of the job stays live).
  const listeners = new Map<string, Set<Listener>>()
  const hear = (id: string, starter: Listener | undefined): Listener => (event) => {
    starter?.(event)
    for (const listener of [...(listeners.get(id) ?? [])]) listener(event)
  }
  const loop$ = (id: string, timing: LoopTiming, own?: Listener) =>
    new Observable<Job>((subscriber) => {
      const mine = own === undefined ? undefined : (event: PollEvent) => own(event)
      if (mine !== undefined) listeners.set(id, (listeners.get(id) ?? new Set()).add(mine))
      const start = () => pollJob$({ ...timing, onPoll: hear(id, timing.onPoll), jobId: id, poll: () => getDatedJob$(settings, id) })
      subscriber.add(() => {
        const set = listeners.get(id)
        if (mine === undefined || set === undefined) return
        set.delete(mine)
        if (set.size === 0) listeners.delete(id)
      })
      shared(id, start).subscribe(subscriber)
    })
  const watchJob$ = (id: string, options: WatchOptions = {}) =>
    new Observable<Job>((subscriber) => {
      const checked = loopSettings(settings, options, 'watchJob$')
      if (checked instanceof ValidationError) return subscriber.error(checked)
      const { timeoutMs, onPoll: _both, ...rest } = checked
      // The client's listener goes with the loop (once per poll), the watch's own with this subscriber.
      const timing = settings.onPoll === undefined ? rest : { ...rest, onPoll: settings.onPoll }
      loop$(id, timing, options.onPoll).pipe(watchDeadline(id, timeoutMs, settings.scheduler)).subscribe(subscriber)
    })
  return { watchJob$, loop$ }
}
