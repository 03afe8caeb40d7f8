import type { Refusal } from './Refusal.js'

const utf8Labels: ReadonlySet<string> = new Set(['utf-8', 'utf8'])

function isJsonUtf8(contentType: string): boolean {
  const [essence = '', ...parameters] = contentType.split(';')
  if (essence.trim().toLowerCase() !== 'application/json') return false
  return parameters.every((parameter) => {
    const [name = '', value = ''] = parameter.split('=')
    return name.trim().toLowerCase() !== 'charset' || utf8Labels.has(value.trim().replace(/^"(.*)"$/, '$1').toLowerCase())
  })
}

/**
 * The refusal (415) for a submission that is not `Content-Type: application/json`, or
 * `undefined`. A browser sends a cross-site POST without asking first only as `text/plain`,
 * a form's types, or no type at all; requiring JSON makes every cross-site submission ask (a
 * preflight, which the proxy does not grant). The media type is read as RFC 9110 says (case and
 * spaces do not matter); a `charset` other than UTF-8 is refused, as the body is read as UTF-8.
 *
 * @example
 * ```ts
 * import { contentTypeRefusal } from './contentTypeRefusal.js'
 * console.log(contentTypeRefusal('Application/JSON; charset="UTF-8"'))
 * console.log(contentTypeRefusal('text/plain;charset=UTF-8')?.status)
 * // Output: undefined
 * // Output: 415
 * ```
 */
export function contentTypeRefusal(contentType: string | undefined): Refusal | undefined {
  if (contentType !== undefined && isJsonUtf8(contentType)) return undefined
  const got = contentType === undefined ? 'none' : JSON.stringify(contentType.slice(0, 100))
  return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: `A submission must be sent as Content-Type: application/json (UTF-8), got ${got}` }
}
