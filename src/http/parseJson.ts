/** The outcome of parsing a body: the value, or the reason it is not JSON. */
export type ParsedBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string }

/** Decodes UTF-8 bytes and parses them as JSON; an empty or malformed body is not JSON. */
export function parseJson(bytes: Uint8Array, contentType: string | null): ParsedBody {
  if (bytes.byteLength === 0) return { ok: false, reason: 'the body is empty' }
  const text = new TextDecoder('utf-8').decode(bytes)
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    const kind = contentType === null ? 'no content type' : contentType.split(';')[0]
    return { ok: false, reason: `the body is not JSON (${kind}, ${bytes.byteLength} bytes)` }
  }
}
