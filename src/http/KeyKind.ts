/**
 * Which pipeline a key runs: `live` jobs take minutes and spend credits, `test` jobs neither.
 *
 * @example
 * ```ts
 * import { createPixiiClient } from 'pixii-rx'
 * import { type KeyKind } from 'pixii-rx/advanced'
 * const kind: KeyKind = createPixiiClient({ apiKey: 'pk_live_abc' }).keyKind
 * console.log(kind)
 * // Output: live
 * ```
 */
export type KeyKind = 'live' | 'test' | 'unknown'

/**
 * What a key's prefix says of the jobs it submits.
 *
 * @param apiKey - A key, or nothing.
 * @throws Never.
 *
 * @example
 * ```ts
 * import { keyKindOf } from 'pixii-rx/advanced'
 * console.log(keyKindOf('pk_test_abc'), keyKindOf('pk_live_abc'), keyKindOf(undefined))
 * // Output: test live unknown
 * ```
 */
export function keyKindOf(apiKey: string | undefined): KeyKind {
  if (apiKey?.startsWith('pk_live_') === true) return 'live'
  if (apiKey?.startsWith('pk_test_') === true) return 'test'
  return 'unknown'
}
