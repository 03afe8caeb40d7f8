/**
 * Options of `submitMany$`.
 *
 * @example
 * ```ts
 * import type { SubmitManyOptions } from 'pixii-rx'
 * const options: SubmitManyOptions = { concurrency: 2 }
 * ```
 */
export interface SubmitManyOptions {
  /**
   * Submissions out at once (waiting for a token, in flight, or being looked for after a lost
   * answer). With 1, results come in the order of the requests. Default 1: the limiter, not the
   * connection, is what paces a catalogue.
   */
  readonly concurrency?: number
}
