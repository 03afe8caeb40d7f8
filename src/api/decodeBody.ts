import type * as t from 'io-ts'
import { map, type OperatorFunction } from 'rxjs'
import type { RequestContext } from '../errors/RequestContext.js'
import { validationIssues } from '../errors/validationIssues.js'
import type { ApiResponse } from '../http/ApiResponse.js'
import { answerError } from './answerError.js'

/**
 * Decodes an answer's body with a codec; a body that does not fit throws a {@link DecodeError}
 * naming every field that was wrong, what was expected and what came (with `secrets`, such as the
 * configured key, redacted from what came).
 */
export function decodeResponse<A>(
  codec: t.Decoder<unknown, A>,
  context: RequestContext,
  response: ApiResponse,
  secrets: readonly string[] = [],
): A {
  const decoded = codec.decode(response.body)
  if (decoded._tag === 'Right') return decoded.right
  const issues = validationIssues(decoded.left, secrets)
  throw answerError({ ...context, status: response.status }, `answered a ${codec.name} that does not decode`, issues)
}

/** {@link decodeResponse} as an operator. */
export function decodeBody<A>(
  codec: t.Decoder<unknown, A>,
  context: RequestContext,
  secrets: readonly string[] = [],
): OperatorFunction<ApiResponse, A> {
  return map((response) => decodeResponse(codec, context, response, secrets))
}
