import type { SchedulerLike } from 'rxjs'

/**
 * How to sign and check job tokens.
 *
 * @example
 * ```ts
 * import { createJobTokens, type JobTokenOptions } from 'pixii-rx/proxy'
 * // Rotation: sign with k2, still accept tokens signed with k1 until they expire, then drop k1.
 * const options: JobTokenOptions = {
 *   keys: { k1: 'the old secret, thirty-two characters or more', k2: 'the new secret, thirty-two characters or more' },
 *   signWith: 'k2',
 *   ttlMs: 15 * 60_000,
 * }
 * console.log(typeof createJobTokens(options).issue)
 * // Output: function
 * ```
 */
export interface JobTokenOptions {
  /**
   * The secrets, by key id (1 to 32 of `A-Z a-z 0-9 _ -`): each at least 32 bytes. Every listed
   * key is accepted when checking; keep a retired key listed until its last token expires.
   */
  readonly keys: Readonly<Record<string, string | Uint8Array>>
  /** The id of the key that signs new tokens. Default: the only key, required when there are several. */
  readonly signWith?: string
  /** How long a token is accepted after it is issued, in milliseconds. Default 3 600 000 (one hour). */
  readonly ttlMs?: number
  /** The clock tokens are stamped and checked with. Default: rxjs `asyncScheduler` (`Date.now()`). */
  readonly scheduler?: SchedulerLike
}
