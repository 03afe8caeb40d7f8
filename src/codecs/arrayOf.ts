import * as t from 'io-ts'

/**
 * Bounds of {@link arrayOf}.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts'
 * import { arrayOf, type ArrayBounds } from './arrayOf.js'
 * const oneToThree: ArrayBounds = { min: 1, max: 3, distinct: true }
 * console.log(arrayOf(t.string, oneToThree).is(['a', 'a']))
 * // Output: false
 * ```
 */
export interface ArrayBounds {
  /** Fewest elements allowed. */
  readonly min: number
  /** Most elements allowed; no limit when absent. */
  readonly max?: number
  /** Whether every element must differ from the others. */
  readonly distinct?: boolean
}

/**
 * An array codec with a length range and optionally distinct elements, whose name states them.
 *
 * @param item - The codec of each element.
 * @param bounds - How many elements are allowed, and whether they must all differ.
 * @throws Never: an array out of bounds is a decoding failure (a `Left` of `decode`), not an exception.
 *
 * @example
 * ```ts
 * import * as t from 'io-ts'
 * import { arrayOf } from './arrayOf.js'
 * const Tags = arrayOf(t.string, { min: 1, max: 3, distinct: true })
 * console.log(Tags.name, Tags.is(['a', 'a']))
 * // Output: 1 to 3 distinct string false
 * ```
 */
export function arrayOf<C extends t.Mixed>(item: C, bounds: ArrayBounds): t.Type<Array<t.TypeOf<C>>, Array<t.OutputOf<C>>, unknown> {
  const base = t.array(item)
  const range = bounds.max === undefined ? `at least ${bounds.min}` : `${bounds.min} to ${bounds.max}`
  const name = `${range}${bounds.distinct === true ? ' distinct' : ''} ${item.name}`
  const fits = (items: readonly unknown[]): boolean =>
    items.length >= bounds.min &&
    (bounds.max === undefined || items.length <= bounds.max) &&
    (bounds.distinct !== true || new Set(items).size === items.length)
  return new t.Type(
    name,
    (input): input is Array<t.TypeOf<C>> => base.is(input) && fits(input),
    (input, context) => {
      const decoded = base.validate(input, context)
      if (decoded._tag === 'Left' || fits(decoded.right)) return decoded
      return t.failure(input, context)
    },
    base.encode,
  )
}
