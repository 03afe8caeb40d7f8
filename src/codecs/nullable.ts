import * as t from 'io-ts'

/**
 * `t.union([codec, t.null])`, built as io-ts builds an untagged union (the same `UnionType`, name,
 * member order, error contexts and encoder), without going through `t.union`: its search for a
 * tag to dispatch on (which a union with `null` never has) is most of io-ts's union code, and
 * would otherwise sit in every bundle that decodes a job.
 */
export function nullable<C extends t.Mixed>(codec: C): t.UnionC<[C, t.NullC]> {
  const codecs: [C, t.NullC] = [codec, t.null]
  const name = `(${codec.name} | null)`
  return new t.UnionType<[C, t.NullC], t.TypeOf<C> | null, t.OutputOf<C> | null, unknown>(
    name,
    (input): input is t.TypeOf<C> | null => codec.is(input) || t.null.is(input),
    (input, context) => {
      const errors: t.ValidationError[] = []
      for (const [index, member] of codecs.entries()) {
        const result = member.validate(input, t.appendContext(context, String(index), member, input))
        if (result._tag === 'Right') return t.success(result.right as t.TypeOf<C> | null)
        errors.push(...result.left)
      }
      return t.failures(errors)
    },
    codec.encode === t.identity
      ? t.identity
      : (value) => {
          if (codec.is(value)) return codec.encode(value) as t.OutputOf<C>
          if (value === null) return null
          throw new Error(`no codec found to encode value in union type ${name}`)
        },
    codecs,
  )
}
