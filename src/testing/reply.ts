/**
 * An answer ready to send: status, headers (with `Content-Type` and `Content-Length`) and
 * the body bytes. Both transports send it as is.
 *
 * @example
 * ```ts
 * import { jsonReply, type Reply } from './reply.js'
 * const reply: Reply = jsonReply(200, { ok: true })
 * console.log(reply.headers['Content-Length'], Buffer.from(reply.body).toString())
 * // Output: 11 {"ok":true}
 * ```
 */
export interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
}

/**
 * A reply with raw bytes.
 *
 * @example
 * ```ts
 * import { rawReply } from './reply.js'
 * console.log(rawReply(502, 'text/html', '<h1>Bad Gateway</h1>').headers)
 * // Output: { 'Content-Type': 'text/html', 'Content-Length': '20' }
 * ```
 */
export function rawReply(
  status: number,
  contentType: string,
  body: Uint8Array | string,
  headers: Readonly<Record<string, string>> = {},
): Reply {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  return {
    status,
    headers: { 'Content-Type': contentType, 'Content-Length': String(bytes.byteLength), ...headers },
    body: bytes,
  }
}

/**
 * A JSON reply.
 *
 * @example
 * ```ts
 * import { jsonReply } from './reply.js'
 * const reply = jsonReply(202, { job_id: 'job_1' }, { 'X-RateLimit-Remaining-Minute': '9' })
 * console.log(reply.status, reply.headers['X-RateLimit-Remaining-Minute'])
 * // Output: 202 9
 * ```
 */
export function jsonReply(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): Reply {
  return rawReply(status, 'application/json; charset=utf-8', JSON.stringify(value), headers)
}

/**
 * An error reply with the documented body `{ code, message, detail?, retry_after? }`.
 *
 * @example
 * ```ts
 * import { errorReply } from './reply.js'
 * const reply = errorReply(400, 'VALIDATION_ERROR', 'country_code must be one of …', { detail: 'country_code' })
 * console.log(Buffer.from(reply.body).toString())
 * // Output: {"code":"VALIDATION_ERROR","message":"country_code must be one of …","detail":"country_code"}
 * ```
 */
export function errorReply(
  status: number,
  code: string,
  message: string,
  extra: { readonly detail?: string; readonly retry_after?: number } = {},
  headers: Readonly<Record<string, string>> = {},
): Reply {
  return jsonReply(status, { code, message, ...extra }, headers)
}
