import type * as t from 'io-ts'
import { formatIssues, validationIssues } from '../../src/errors/validationIssues.js'

/** The formatted failure of decoding `input`, or `'ok'`. */
export function decodeMessage(codec: t.Decoder<unknown, unknown>, input: unknown): string {
  const decoded = codec.decode(input)
  return decoded._tag === 'Right' ? 'ok' : formatIssues(validationIssues(decoded.left))
}
