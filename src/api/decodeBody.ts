import type * as t from 'io-ts'
import { map, type OperatorFunction } from 'rxjs'
import { DecodeError } from '../errors/DecodeError.js'
import type { RequestContext } from '../errors/RequestContext.js'
import { formatIssues, validationIssues } from '../errors/validationIssues.js'
import type { ApiResponse } from '../http/ApiResponse.js'

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
  const where = `${context.method ?? ''} ${context.path ?? ''}`.trim()
  throw new DecodeError({
    message: `${where} answered a ${codec.name} that does not decode: ${formatIssues(issues)}`,
    issues,
    context: { ...context, status: response.status },
  })
}

/** {@link decodeResponse} as an operator. */
export function decodeBody<A>(
  codec: t.Decoder<unknown, A>,
  context: RequestContext,
  secrets: readonly string[] = [],
): OperatorFunction<ApiResponse, A> {
  return map((response) => decodeResponse(codec, context, response, secrets))
}
