import * as t from 'io-ts'

/**
 * A string codec checked by a predicate, whose name (used in error messages) says what is
 * expected.
 *
 * @param name - The name of the codec, shown in decoding errors.
 * @param predicate - Whether a string is acceptable.
 * @throws Never: a value that fails is a decoding failure (a `Left` of `decode`).
 *
 * @example
 * ```ts
 * import { refinedString } from './refinedString.js'
 * const Sku = refinedString('SKU (8 digits)', (value) => /^\d{8}$/.test(value))
 * console.log(Sku.is('12345678'), Sku.is('1234'))
 * // Output: true false
 * ```
 */
export function refinedString(name: string, predicate: (value: string) => boolean): t.Type<string, string, unknown> {
  const is = (input: unknown): input is string => typeof input === 'string' && predicate(input)
  return new t.Type<string, string, unknown>(
    name,
    is,
    (input, context) => (is(input) ? t.success(input) : t.failure(input, context)),
    t.identity,
  )
}
