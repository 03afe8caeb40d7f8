import { defer, throwError, type Observable } from 'rxjs'
import type { Job } from '../codecs/Job.js'
import { getJob$ } from '../api/getJob.js'
import { ValidationError } from '../errors/ValidationError.js'
import { pollJob$ } from '../watch/pollJob.js'
import { shareByKey } from '../watch/shareByKey.js'
import type { WatchOptions } from '../watch/WatchOptions.js'
import { loopSettings } from './loopSettings.js'
import type { ClientSettings } from './normalizeOptions.js'

/** The `watchJob$` of one client: its settings, and one shared polling loop per job id. */
export function watchWith(settings: ClientSettings): (id: string, options?: WatchOptions) => Observable<Job> {
  const shared = shareByKey<string, Job>()
  return (id, options = {}) =>
    defer(() => {
      const loop = loopSettings(settings, options, 'watchJob$')
      if (loop instanceof ValidationError) return throwError(() => loop)
      return shared(id, () => pollJob$({ ...loop, jobId: id, poll: () => getJob$(settings, id) }))
    })
}
