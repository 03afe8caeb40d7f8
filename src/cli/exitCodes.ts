import type { PixiiError } from '../errors/PixiiError.js'

/**
 * The exit codes of `pixii-rx`. When several apply (one job failed, another lost its network),
 * the highest wins. `timedOut` (5): a watch passed its `--timeout`, and the job may still finish.
 * `batch` adds `journal` (6: the journal is in use by another run, or of a newer format),
 * `storage` (7: a full disk or a folder that cannot be written) and `budgetSpent` (8: rows were
 * left for when the day's budget is back, with `--until-budget`).
 *
 * @example
 * ```ts
 * import { ExitCode } from './exitCodes.js'
 * console.log(ExitCode.ok, ExitCode.jobFailed, ExitCode.usage, ExitCode.authentication, ExitCode.network, ExitCode.timedOut, ExitCode.journal, ExitCode.storage, ExitCode.budgetSpent)
 * // Output: 0 1 2 3 4 5 6 7 8
 * ```
 */
export const ExitCode = { ok: 0, jobFailed: 1, usage: 2, authentication: 3, network: 4, timedOut: 5, journal: 6, storage: 7, budgetSpent: 8 } as const
/** One of {@link ExitCode}'s values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/**
 * The exit code an error leads to: `Unauthorized` is 3; transport trouble that outlasted the
 * retry budget (`RetriesExhausted`, and the transient errors of a single call) is 4; a watch past
 * its overall deadline (`Timeout`, other than one request's) is 5; a request
 * refused before sending is a usage error, 2; anything else (a failed job, an unknown job, an
 * image that could not be downloaded, a listing that `list` could not read to its end: a
 * `DecodeError` for a page that does not hold together or more pages than `--max-pages`) is 1.
 *
 * @example
 * ```ts
 * import { NetworkError, RetriesExhaustedError, UnauthorizedError } from 'pixii-rx'
 * import { exitCodeFor } from './exitCodes.js'
 * const lastError = new NetworkError({ message: 'refused', failure: 'connection' })
 * console.log(exitCodeFor(new UnauthorizedError({ message: 'no' })), exitCodeFor(new RetriesExhaustedError({ message: 'gave up', lastError, attempts: 9 })))
 * // Output: 3 4
 * ```
 */
export function exitCodeFor(error: PixiiError): ExitCode {
  switch (error._tag) {
    case 'Unauthorized':
      return ExitCode.authentication
    case 'RetriesExhausted':
      return error.lastError._tag === 'Unauthorized' ? ExitCode.authentication : ExitCode.network
    case 'Network':
    case 'Server':
    case 'RateLimited':
      return ExitCode.network
    case 'Timeout':
      return error.deadline === 'request' ? ExitCode.network : ExitCode.timedOut
    case 'Validation':
      return error.source === 'client' ? ExitCode.usage : ExitCode.jobFailed
    default:
      return ExitCode.jobFailed
  }
}
