import { createReadStream } from 'node:fs'
import { extname } from 'node:path'
import { createInterface } from 'node:readline'
import { validateInput } from '../api/validateInput.js'
import { FileSystemError } from '../errors/FileSystemError.js'
import type { Submission } from '../submit/Submission.js'
import { submissionTarget } from '../submit/submissionTarget.js'
import type { CatalogueRow } from './CatalogueRow.js'
import { openQuote, parseCsvRecord } from './parseCsvRecord.js'
import { rowOf } from './rowOf.js'

/**
 * A line of a rows file: a row, or why it is not one (the run reports it and goes on).
 *
 * @example
 * ```ts
 * import type { RowLine } from 'pixii-rx/catalogue'
 * const bad: RowLine = { ok: false, line: 7, message: 'line 7: not JSON' }
 * ```
 */
export type RowLine = { readonly ok: true; readonly row: CatalogueRow } | { readonly ok: false; readonly line: number; readonly message: string }

const kinds: Readonly<Record<string, Submission['kind']>> = {
  'listing-builder': 'listingBuilder', listingBuilder: 'listingBuilder', 'Listing Builder': 'listingBuilder',
  scale: 'scale', Scale: 'scale',
  'a-plus': 'aPlus', aPlus: 'aPlus', 'A+': 'aPlus', 'A+ Content': 'aPlus',
}
// CSV cells of these fields are lists ("A+ Basic|A+ Premium") or JSON (`items`).
const listFields = new Set(['other_image_urls', 'other_images_input', 'types'])
const jsonFields = new Set(['items'])

function rowFrom(line: number, fields: Readonly<Record<string, unknown>>): RowLine {
  const { kind, id, ...rest } = fields
  const named = typeof kind === 'string' ? kinds[kind.trim()] : undefined
  if (named === undefined) {
    const got = kind === undefined || kind === '' ? 'no kind' : `the kind ${JSON.stringify(kind)}`
    return { ok: false, line, message: `line ${line}: ${got}; expected listing-builder, scale or a-plus` }
  }
  if (id !== undefined && (typeof id !== 'string' || id.trim() === '')) return { ok: false, line, message: `line ${line}: id: expected a non-empty text` }
  const request = typeof rest['request'] === 'object' && rest['request'] !== null ? rest['request'] : rest
  const checked = validateInput(submissionTarget(named).codec, request)
  if (!checked.ok) return { ok: false, line, message: `line ${line}: ${checked.error.message}` }
  const submission = { kind: named, request: checked.value } as Submission
  return { ok: true, row: rowOf(submission, { line, ...(typeof id === 'string' ? { key: id.trim() } : {}) }) }
}

function csvCells(line: number, header: readonly string[], cells: readonly string[]): RowLine {
  if (cells.length !== header.length) return { ok: false, line, message: `line ${line}: ${cells.length} fields, the header has ${header.length}` }
  const fields: Record<string, unknown> = {}
  for (const [index, name] of header.entries()) {
    const cell = (cells[index] ?? '').trim()
    if (cell === '') continue
    if (listFields.has(name)) fields[name] = cell.split('|').map((item) => item.trim())
    else if (jsonFields.has(name)) {
      try {
        fields[name] = JSON.parse(cell) as unknown
      } catch {
        return { ok: false, line, message: `line ${line}: ${name}: expected JSON, got ${JSON.stringify(cell.slice(0, 40))}` }
      }
    } else fields[name] = cell
  }
  return rowFrom(line, fields)
}

/**
 * Reads a catalogue's rows from a file, lazily (one line at a time, as the run asks for rows):
 * `.csv` with a header row, or `.ndjson` / `.jsonl` with one JSON object per line. Each row names
 * its `kind` (`listing-builder`, `scale` or `a-plus`), an optional `id` (its key in the journal;
 * by default a hash of the row), and the API's request fields (`asin`, `country_code`, ...). In
 * CSV, list fields hold items separated by `|` and `items` holds JSON. A row that does not check
 * out is a `{ ok: false }` line naming its line number and what is wrong; blank lines are skipped.
 * A file that cannot be read fails the iteration with a `FileSystem` error.
 *
 * @param file - The rows file: its extension (`.csv`, `.ndjson`, `.jsonl`) says how to read it.
 * @throws `FileSystemError` from the iteration when the file cannot be read, has another extension,
 * or its CSV header cannot be parsed; a bad row is a `{ ok: false }` line instead.
 *
 * @example
 * ```ts
 * import { mkdtemp, rm, writeFile } from 'node:fs/promises'
 * import { tmpdir } from 'node:os'
 * import { join } from 'node:path'
 * import { readRows } from 'pixii-rx/catalogue'
 * const dir = await mkdtemp(join(tmpdir(), 'rows-'))
 * const file = join(dir, 'rows.csv')
 * await writeFile(file, 'kind,asin,country_code,types\na-plus,B0CHX1W1XY,US,A+ Basic|A+ Premium\nposter,B0CHX1W1XZ,US,\n')
 * for await (const line of readRows(file)) console.log(line.ok ? line.row.submission.kind : line.message)
 * await rm(dir, { recursive: true })
 * // Output: aPlus
 * // Output: line 3: the kind "poster"; expected listing-builder, scale or a-plus
 * ```
 */
export async function* readRows(file: string): AsyncGenerator<RowLine> {
  const extension = extname(file).toLowerCase()
  const csv = extension === '.csv'
  if (!csv && extension !== '.ndjson' && extension !== '.jsonl') {
    throw new FileSystemError({ message: `${file}: expected a .csv, .ndjson or .jsonl file`, file })
  }
  const stream = createReadStream(file, { encoding: 'utf8' })
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('ready', resolve)
    stream.once('error', reject)
  })
  try {
    await opened
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : String(code)
    throw new FileSystemError({ message: `Cannot read the rows file ${file}: ${why}`, file, ...(code === undefined ? {} : { code }), cause: error })
  }
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })
  let header: string[] | undefined
  let pending = ''
  let pendingLine = 0
  let number = 0
  try {
    for await (const text of lines) {
      number += 1
      if (csv) {
        if (pending === '') pendingLine = number
        pending = pending === '' ? text : `${pending}\n${text}`
        if (openQuote(pending)) continue
        const record = pending
        pending = ''
        if (record.trim() === '') continue
        const parsed = parseCsvRecord(record)
        if (!parsed.ok) {
          if (header === undefined) throw new FileSystemError({ message: `${file}: line ${pendingLine}: the header row cannot be read (${parsed.why})`, file })
          yield { ok: false, line: pendingLine, message: `line ${pendingLine}: ${parsed.why}` }
          continue
        }
        if (header === undefined) header = parsed.fields.map((name) => name.trim())
        else yield csvCells(pendingLine, header, parsed.fields)
        continue
      }
      if (text.trim() === '') continue
      let value: unknown
      try {
        value = JSON.parse(text) as unknown
      } catch (error) {
        yield { ok: false, line: number, message: `line ${number}: not JSON (${error instanceof Error ? error.message : String(error)})` }
        continue
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { ok: false, line: number, message: `line ${number}: expected a JSON object` }
        continue
      }
      yield rowFrom(number, value as Record<string, unknown>)
    }
    if (pending !== '') yield { ok: false, line: pendingLine, message: `line ${pendingLine}: a quoted field is not closed` }
  } finally {
    lines.close()
    stream.destroy()
  }
}
