import { PixiiErrorBase, type PixiiErrorInit } from './PixiiErrorBase.js'

/**
 * Why the transport failed:
 * - `connection`: the request provably never left (connection refused, host not found, network
 *   unreachable): safe to send again, even a submission;
 * - `reset`: the connection broke after the request may have been sent (before or during the
 *   answer): its outcome is unknown;
 * - `unparseable-body`: the body is not JSON (a proxy's HTML page, empty, truncated);
 * - `body-too-large`: the body passed the client's size cap.
 *
 * @example
 * ```ts
 * import type { NetworkFailure } from 'pixii-rx/advanced'
 * const worthRetrying = (failure: NetworkFailure): boolean => failure !== 'body-too-large'
 * ```
 */
export type NetworkFailure = 'connection' | 'reset' | 'unparseable-body' | 'body-too-large'

/**
 * The request did not produce a usable answer. Retryable, except when the body was too large
 * (the same request would bring the same body).
 *
 * @example
 * ```ts
 * import { NetworkError } from 'pixii-rx'
 * const error = new NetworkError({ message: 'The body is not JSON', failure: 'unparseable-body' })
 * console.log(error._tag, error.failure, error.retryable)
 * // Output: Network unparseable-body true
 * ```
 */
export class NetworkError extends PixiiErrorBase {
  readonly _tag = 'Network' as const
  override readonly name = 'NetworkError' as const
  readonly retryable: boolean
  /** What went wrong with the transport. */
  readonly failure: NetworkFailure

  constructor(init: PixiiErrorInit & { readonly failure: NetworkFailure }) {
    super(init)
    this.failure = init.failure
    this.retryable = init.failure !== 'body-too-large'
  }
}
