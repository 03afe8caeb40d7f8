// The pipe tables of a Markdown text (GitHub style), outside fenced blocks.

/** One table: its header cells and its body rows, cells trimmed. */
export interface MarkdownTable {
  readonly header: readonly string[]
  readonly rows: readonly (readonly string[])[]
  /** 1-based line of the header. */
  readonly line: number
  /** The nearest heading above it. */
  readonly heading: string
}

/** Splits a table row into cells; a `|` inside a code span or escaped as `\|` is not a separator. */
export function cellsOf(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let inCode = false
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '')
  for (let i = 0; i < body.length; i++) {
    const char = body[i]
    if (char === '\\' && body[i + 1] === '|') {
      cell += '|'
      i++
    } else if (char === '`') {
      inCode = !inCode
      cell += char
    } else if (char === '|' && !inCode) {
      cells.push(cell.trim())
      cell = ''
    } else {
      cell += char
    }
  }
  cells.push(cell.trim())
  return cells
}

/** Every table of `text`. */
export function markdownTables(text: string): MarkdownTable[] {
  const lines = text.split('\n')
  const tables: MarkdownTable[] = []
  let inFence = false
  let heading = ''
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (/^\s*(`{3,}|~{3,})/.test(line)) inFence = !inFence
    if (inFence) continue
    const title = /^#{1,6}\s+(.+?)\s*$/.exec(line)
    if (title) heading = title[1] ?? ''
    const next = lines[i + 1] ?? ''
    if (!line.trim().startsWith('|') || !/^\s*\|?\s*:?-{3,}/.test(next)) continue
    const rows: string[][] = []
    let j = i + 2
    for (; j < lines.length && (lines[j] ?? '').trim().startsWith('|'); j++) rows.push(cellsOf(lines[j] ?? ''))
    tables.push({ header: cellsOf(line), rows, line: i + 1, heading })
    i = j - 1
  }
  return tables
}
