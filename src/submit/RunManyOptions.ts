import type { WatchOptions } from '../watch/WatchOptions.js'
import type { SubmitManyOptions } from './SubmitManyOptions.js'

/**
 * Options of `runMany$`: those of `submitMany$`, and the options of each job's watch.
 *
 * @example
 * ```ts
 * import { fixedSchedule, type RunManyOptions } from 'pixii-rx'
 * const options: RunManyOptions = { concurrency: 1, watch: { schedule: fixedSchedule(5_000) } }
 * ```
 */
export interface RunManyOptions extends SubmitManyOptions {
  /** How each accepted job is watched. Default: the client's settings. */
  readonly watch?: WatchOptions
}
