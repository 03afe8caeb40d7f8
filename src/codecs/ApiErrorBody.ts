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
  [t.type({ code: t.string, message: t.string }), t.partial({ detail: t.unknown, retry_after: t.number })],
  'ApiErrorBody',
)
/** See the {@link ApiErrorBody} codec. */
export type ApiErrorBody = t.TypeOf<typeof ApiErrorBody>
