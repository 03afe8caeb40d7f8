/**
 * Splits one CSV record (RFC 4180: fields in double quotes may hold commas, newlines and `""`)
 * into its fields, or says why it cannot: an unterminated quote, or text after a closing quote.
 */
export function parseCsvRecord(text: string): { ok: true; fields: string[] } | { ok: false; why: string } {
  const fields: string[] = []
  let field = ''
  let at = 0
  let quoted = false
  while (at <= text.length) {
    const char = text[at]
    if (quoted) {
      if (char === undefined) return { ok: false, why: 'a quoted field is not closed' }
      if (char === '"' && text[at + 1] === '"') {
        field += '"'
        at += 2
        continue
      }
      if (char === '"') {
        quoted = false
        at += 1
        if (text[at] !== undefined && text[at] !== ',') return { ok: false, why: `text after a closing quote in field ${fields.length + 1}` }
        continue
      }
      field += char
      at += 1
      continue
    }
    if (char === undefined || char === ',') {
      fields.push(field)
      field = ''
      at += 1
      continue
    }
    if (char === '"' && field === '') {
      quoted = true
      at += 1
      continue
    }
    field += char
    at += 1
  }
  return { ok: true, fields }
}

/** Whether a record so far has an odd number of quotes: it goes on over the next line. */
export function openQuote(text: string): boolean {
  let quotes = 0
  for (const char of text) if (char === '"') quotes += 1
  return quotes % 2 === 1
}
