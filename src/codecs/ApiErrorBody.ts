import * as t from 'io-ts'

/**
 * The body of every non-2xx answer: a machine `code`, a `message`, and optionally `detail` (which
 * parameter was wrong) and `retry_after` (seconds).
 *
 * @example
 * ```ts
 * import { ApiErrorBody } from 'pixii-rx/advanced'
 * console.log(ApiErrorBody.is({ code: 'JOB_NOT_FOUND', message: 'No such job' }))
 * // Output: true
 * ```
 */
export const ApiErrorBody = /* @__PURE__ */ t.intersection(
  [/* @__PURE__ */ t.type({ code: t.string, message: t.string }), /* @__PURE__ */ t.partial({ detail: t.unknown, retry_after: t.number })],
  'ApiErrorBody',
)
/** See the {@link ApiErrorBody} codec. */
export type ApiErrorBody = t.TypeOf<typeof ApiErrorBody>

/**
 * `ApiErrorBody.is`, written out: what the transport uses on every error answer, so that a bundle
 * that only watches jobs carries neither `t.intersection` nor `t.partial` (test/codecs/small.test.ts
 * checks that the two agree).
 */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (!t.UnknownRecord.is(value)) return false
  const retryAfter = value['retry_after']
  return typeof value['code'] === 'string' && typeof value['message'] === 'string' && (retryAfter === undefined || typeof retryAfter === 'number')
}
