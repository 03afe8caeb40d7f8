import { redactSecrets } from './redactSecrets.js'

/**
 * A URL option (`baseUrl`, `upstream`, `PIXII_BASE_URL`) as a message may quote it when it is
 * refused: scheme, host and path only. User-info and query are where people put keys
 * (`https://pk_live_…@host`, `?api_key=…`), and a key need not look like one, so they are never
 * quoted, only named. Text that does not parse as a URL is cut at its first `?` or `#`, and
 * before its authority when it holds an `@`, then scrubbed of anything key-shaped; `secrets`
 * (the configured key) are scrubbed too.
 *
 * @example
 * ```ts
 * import { shownUrlOption } from './shownUrlOption.js'
 * console.log(shownUrlOption('https://me:s3cret@api.example/v1?api_key=hunter2'))
 * console.log(shownUrlOption('not a url pk_live_abc?x=1'))
 * console.log(shownUrlOption('https://me:s3cret@[::1'))
 * // Output: "https://api.example/v1" (its user-info and query are not shown)
 * // Output: "not a url pk_[redacted]" (the rest is not shown)
 * // Output: "https://" (the rest is not shown)
 * ```
 */
export function shownUrlOption(value: unknown, secrets: readonly string[] = []): string {
  if (typeof value !== 'string') return `a ${value === null ? 'null' : typeof value}`
  if (URL.canParse(value)) {
    const url = new URL(value)
    const hidden = [
      ...(url.username !== '' || url.password !== '' ? ['user-info'] : []),
      ...(url.search !== '' ? ['query'] : []),
      ...(url.hash !== '' ? ['fragment'] : []),
    ]
    const shown = JSON.stringify(redactSecrets(`${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`, secrets))
    return hidden.length === 0 ? shown : `${shown} (its ${hidden.join(' and ')} ${hidden.length === 1 ? 'is' : 'are'} not shown)`
  }
  const authority = value.indexOf('//')
  const query = value.search(/[?#]/)
  const cut = value.includes('@') ? (authority === -1 ? 0 : authority + 2) : query
  const head = JSON.stringify(redactSecrets(cut === -1 ? value : value.slice(0, cut), secrets))
  return cut === -1 ? head : `${head} (the rest is not shown)`
}
