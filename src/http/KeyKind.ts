/** Which pipeline a key runs: `live` jobs take minutes and spend credits, `test` jobs neither. */
export type KeyKind = 'live' | 'test' | 'unknown'

/**
 * What a key's prefix says of the jobs it submits.
 *
 * @example
 * ```ts
 * import { keyKindOf } from 'pixii-rx'
 * console.log(keyKindOf('pk_test_abc'), keyKindOf('pk_live_abc'), keyKindOf(undefined))
 * // Output: test live unknown
 * ```
 */
export function keyKindOf(apiKey: string | undefined): KeyKind {
  if (apiKey?.startsWith('pk_live_') === true) return 'live'
  if (apiKey?.startsWith('pk_test_') === true) return 'test'
  return 'unknown'
}
