import * as t from 'io-ts'

const UnknownField = /* @__PURE__ */ new t.Type<never, never, unknown>(
  'no such field',
  (_): _ is never => false,
  (input, context) => t.failure(input, context),
  (value) => value,
)

/**
 * A cross-field rule: returns the offending field and what it expected, or nothing.
 *
 * @example
 * ```ts
 * import type { RequestRule } from './requestCodec.js'
 * const promptForLanguage: RequestRule<{ scale_mode: string; user_prompt?: string }> = (request) =>
 *   request.scale_mode === 'language' && request.user_prompt === undefined ? { field: 'user_prompt', expected: 'a language' } : undefined
 * ```
 */
export type RequestRule<A> = (request: A) => { readonly field: string; readonly expected: string } | undefined

/**
 * A codec for a request body: required and optional fields, no unknown field (a misspelt
 * `user_promt` is refused rather than silently dropped), and cross-field rules.
 *
 * @param name - The name of the codec, shown in decoding errors.
 * @param required - The fields that must be present, as io-ts props.
 * @param optional - The fields that may be present.
 * @param rules - Cross-field rules, checked once the fields are valid.
 * @throws Never: an invalid request is a decoding failure (a `Left` of `decode`).
 *
 * @example
 * ```ts
 * import * as t from 'io-ts'
 * import { requestCodec } from './requestCodec.js'
 * const Ping = requestCodec('Ping', { name: t.string }, { note: t.string })
 * console.log(Ping.is({ name: 'x' }), Ping.is({ name: 'x', nmae: 'y' }))
 * // Output: true false
 * ```
 */
export function requestCodec<R extends t.Props, O extends t.Props, A = t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>>(
  name: string,
  required: R,
  optional: O,
  rules: ReadonlyArray<RequestRule<A>> = [],
): t.Type<A, A, unknown> {
  const requiredShape = t.type(required)
  const optionalShape = t.partial(optional)
  const known = new Set([...Object.keys(required), ...Object.keys(optional)])
  const validate: t.Validate<unknown, A> = (input, context) => {
    const requiredPart = requiredShape.validate(input, context)
    const optionalPart = optionalShape.validate(input, context)
    const record = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
    const errors: t.ValidationError[] = [
      ...(requiredPart._tag === 'Left' ? requiredPart.left : []),
      ...(optionalPart._tag === 'Left' ? optionalPart.left : []),
      ...Object.keys(record)
        .filter((key) => !known.has(key) && record[key] !== undefined)
        .map((key) => ({ value: record[key], context: t.appendContext(context, key, UnknownField, record[key]) })),
    ]
    if (requiredPart._tag === 'Left' || optionalPart._tag === 'Left') return t.failures(errors)
    const request = { ...optionalPart.right, ...requiredPart.right } as A
    for (const rule of rules) {
      const broken = rule(request)
      if (broken === undefined) continue
      const value = record[broken.field]
      const expected = new t.Type<unknown>(broken.expected, t.unknown.is, t.success, t.identity)
      errors.push({ value, context: t.appendContext(context, broken.field, expected, value) })
    }
    return errors.length > 0 ? t.failures(errors) : t.success(request)
  }
  return new t.Type<A, A, unknown>(name, (input): input is A => validate(input, [])._tag === 'Right', validate, t.identity)
}
