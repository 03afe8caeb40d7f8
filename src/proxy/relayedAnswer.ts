import { ApiErrorBody } from '../codecs/ApiErrorBody.js'
import { parseJson } from '../http/parseJson.js'
import { redactSecrets } from '../internal/redactSecrets.js'

/** Pixii's answer as read by `forwardUpstream`. */
export interface UpstreamReply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array
}

/** What goes to the browser: Pixii's answer, made safe, or the proxy's own in its place. */
export interface RelayedAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array | string
  /** `false` when the proxy withheld Pixii's body and answered with its own. */
  readonly relayed: boolean
}

const json = { 'content-type': 'application/json; charset=utf-8' }
const count = /^\d{1,10}$/
const mediaType = /^[\w.+-]{1,40}\/[\w.+-]{1,80}$/
const httpDate = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/
// The headers passed on, each only in the form Pixii gives it: a count, or Retry-After's seconds or date.
// Pixii's Date goes on too, so that a browser's schedule reads Pixii's clock, not the proxy's.
const headerForms: Readonly<Record<string, (value: string) => boolean>> = {
  date: (value) => httpDate.test(value),
  'retry-after': (value) => count.test(value) || httpDate.test(value),
  'x-ratelimit-limit-minute': (value) => count.test(value),
  'x-ratelimit-remaining-minute': (value) => count.test(value),
  'x-ratelimit-limit-day': (value) => count.test(value),
  'x-ratelimit-remaining-day': (value) => count.test(value),
}

function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets)
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets))
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [redactSecrets(name, secrets), redactDeep(item, secrets)]))
}

/** Whether the key could reach a page that reads `text`: as sent, or as JSON writes it in a string. */
function holdsKey(text: string, apiKey: string): boolean {
  return text.includes(apiKey) || text.includes(JSON.stringify(apiKey).slice(1, -1))
}

/**
 * Turns Pixii's answer into what the browser may see. A 2xx body is passed on byte for byte
 * when it is JSON that does not hold the key (however JSON escapes it); otherwise the browser
 * gets 502 `BAD_GATEWAY`. An error body in Pixii's shape is rebuilt from its `code`, `message`,
 * `detail` and `retry_after`, with the key, bearer tokens and URL signatures redacted; any other
 * error body (an HTML page, a stack trace) is replaced with `UPSTREAM_ERROR` and Pixii's status.
 * A redirect or another status Pixii never sends is a 502. Only `Date`, `Retry-After` and the
 * rate-limit counts come back with it, and only in their documented form; the content type is always JSON.
 *
 * @example
 * ```ts
 * import { relayedAnswer } from './relayedAnswer.js'
 * const apiKey = 'pk_live_server'
 * const page = new TextEncoder().encode(`<h1>Bad gateway</h1><pre>Authorization: Bearer ${apiKey}</pre>`)
 * const html = relayedAnswer(apiKey, { status: 502, headers: { 'content-type': 'text/html' }, body: page })
 * console.log(html.status, html.headers['content-type'], html.body)
 * const echo = new TextEncoder().encode(JSON.stringify({ code: 'UNAUTHORIZED', message: `bad key ${apiKey}` }))
 * console.log(relayedAnswer(apiKey, { status: 401, headers: {}, body: echo }).body)
 * // Output: 502 application/json; charset=utf-8 {"code":"UPSTREAM_ERROR","message":"Pixii answered 502 with a body that is not its error shape (text/html, 67 bytes); the proxy withheld it"}
 * // Output: {"code":"UNAUTHORIZED","message":"bad key [redacted]"}
 * ```
 */
export function relayedAnswer(apiKey: string, reply: UpstreamReply): RelayedAnswer {
  const { status, body } = reply
  const headers: Record<string, string> = { ...json }
  for (const [name, valid] of Object.entries(headerForms)) {
    const value = reply.headers[name]
    if (value !== undefined && valid(value)) headers[name] = value
  }
  const own = (ownStatus: number, code: string, message: string): RelayedAnswer => ({
    status: ownStatus, headers: ownStatus === status ? headers : json, body: JSON.stringify({ code, message }), relayed: false,
  })
  const essence = (reply.headers['content-type'] ?? '').split(';')[0]?.trim() ?? ''
  // Pixii's words only where they cannot carry anything: a plain media type, not the key.
  const type = essence === '' ? 'no content type' : mediaType.test(essence) && !holdsKey(essence, apiKey) ? essence : 'an odd content type'
  const kind = `${type}, ${body.byteLength} bytes`
  const parsed = parseJson(body, null)
  if (status >= 200 && status <= 299) {
    if (!parsed.ok) return own(502, 'BAD_GATEWAY', `Pixii answered ${status} with a body that is not JSON (${kind}); the proxy withheld it`)
    const text = new TextDecoder('utf-8').decode(body)
    if (holdsKey(text, apiKey) || holdsKey(JSON.stringify(parsed.value), apiKey)) {
      return own(502, 'BAD_GATEWAY', `Pixii answered ${status} with a body that holds the server's key; the proxy withheld it`)
    }
    return { status, headers, body, relayed: true }
  }
  if (status < 400 || status > 599) {
    return own(502, 'BAD_GATEWAY', `Pixii answered ${status}, which the proxy does not relay (it never follows a redirect)`)
  }
  if (!parsed.ok || !ApiErrorBody.is(parsed.value)) {
    return own(status, 'UPSTREAM_ERROR', `Pixii answered ${status} with a body that is not its error shape (${kind}); the proxy withheld it`)
  }
  const { code, message, detail, retry_after } = parsed.value
  const rebuilt = redactDeep({ code, message, ...(detail === undefined ? {} : { detail }), ...(retry_after === undefined ? {} : { retry_after }) }, [apiKey])
  const text = JSON.stringify(rebuilt)
  // A last look at what is sent, whatever redaction missed.
  if (holdsKey(text, apiKey)) return own(status, 'UPSTREAM_ERROR', `Pixii answered ${status} with an error that holds the server's key; the proxy withheld it`)
  return { status, headers, body: text, relayed: true }
}
