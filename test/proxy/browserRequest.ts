// A request as a browser (or a hostile page) would send it, over node:http so that every header
// goes as written (fetch adds its own and refuses some), and everything that came back: status,
// status text, every raw header and the body.
import { request } from 'node:http'

export interface BrowserRequest {
  readonly method?: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

export interface BrowserSees {
  readonly status: number
  readonly statusMessage: string
  /** Every header as it came, names and values in turn. */
  readonly rawHeaders: readonly string[]
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly body: string
}

export function browserRequest(url: string, init: BrowserRequest = {}): Promise<BrowserSees> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          rawHeaders: res.rawHeaders,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      )
      res.on('error', reject)
    })
    sent.on('error', reject)
    sent.end(init.body)
  })
}

/** The JSON body of an answer, or `undefined` when it is not JSON. */
export function jsonOf(seen: BrowserSees): unknown {
  try {
    return JSON.parse(seen.body) as unknown
  } catch {
    return undefined
  }
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(stringsOf)
  if (typeof value !== 'object' || value === null) return [String(value)]
  return Object.entries(value).flatMap(([name, item]) => [name, ...stringsOf(item)])
}

/**
 * Everything the browser side can read of an answer, as one text: status line, headers, the
 * body as it came and, when it is JSON, every string in it as a page's `JSON.parse` reads it
 * (escapes undone).
 */
export function everythingSeen(seen: BrowserSees): string {
  const parsed = jsonOf(seen)
  return [String(seen.status), seen.statusMessage, ...seen.rawHeaders, seen.body, ...(parsed === undefined ? [] : stringsOf(parsed))].join('\n')
}
