import { crc32 } from 'node:zlib'
import { JournalEntry } from '../JournalEntry.js'
import type { JournalProblem } from '../CatalogueStore.js'

/** What the first line of a journal names itself. */
export const JOURNAL_FORMAT = 'pixii-rx/catalogue-journal'
/** The newest journal format version this code writes and reads. */
export const JOURNAL_VERSION = 1

const NEWLINE = 0x0a

/**
 * One record as one line: the CRC-32 of its JSON in 8 hex digits, a space, the JSON, a newline.
 * The checksum tells a record cut short by a crash, or damaged on disk, from a good one.
 */
export function encodeRecord(value: unknown): string {
  const json = JSON.stringify(value)
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`
}

/** The record of a line, or why it cannot be read. */
function decodeLine(line: string): { ok: true; value: unknown } | { ok: false; why: string } {
  const match = /^([0-9a-f]{8}) (.*)$/s.exec(line)
  if (match === null) return { ok: false, why: 'no checksum' }
  const [, sum, json = ''] = match
  if (crc32(json).toString(16).padStart(8, '0') !== sum) return { ok: false, why: 'checksum mismatch' }
  try {
    return { ok: true, value: JSON.parse(json) as unknown }
  } catch {
    return { ok: false, why: 'not JSON' }
  }
}

/** What a journal's bytes hold. */
export type ParsedJournal =
  | { readonly kind: 'empty' }
  | { readonly kind: 'foreign'; readonly why: string }
  | { readonly kind: 'newer'; readonly version: number }
  | {
      readonly kind: 'journal'
      readonly entries: JournalEntry[]
      readonly problems: JournalProblem[]
      /** The length up to the end of the last readable record: what follows is a torn tail. */
      readonly goodLength: number
    }

/**
 * Reads a journal's bytes. A header that never made it whole (a kill right after the file was
 * created) is an empty journal. Unreadable records at the end are a torn tail (never
 * acknowledged: each append resolves only after its fsync), left out of `goodLength`; unreadable
 * records followed by good ones are `problems`, by line number, and skipped.
 */
export function parseJournal(bytes: Buffer): ParsedJournal {
  const firstEnd = bytes.indexOf(NEWLINE)
  if (firstEnd < 0) return { kind: 'empty' }
  const header = decodeLine(bytes.subarray(0, firstEnd).toString('utf8'))
  if (!header.ok) return { kind: 'foreign', why: `its first line is not a journal header (${header.why})` }
  const { format, version } = header.value as { format?: unknown; version?: unknown }
  if (format !== JOURNAL_FORMAT || typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { kind: 'foreign', why: 'its first line does not name the pixii-rx catalogue journal format' }
  }
  if (version > JOURNAL_VERSION) return { kind: 'newer', version }

  const entries: JournalEntry[] = []
  const problems: JournalProblem[] = []
  let pending: JournalProblem[] = []
  let goodLength = firstEnd + 1
  let start = firstEnd + 1
  for (let line = 2; start < bytes.length; line += 1) {
    const end = bytes.indexOf(NEWLINE, start)
    if (end < 0) break // a last record without its newline: torn
    const decoded = decodeLine(bytes.subarray(start, end).toString('utf8'))
    const entry = decoded.ok && JournalEntry.is(decoded.value) ? decoded.value : undefined
    if (entry === undefined) {
      pending.push({ where: `line ${line}`, message: decoded.ok ? 'not a journal entry of format 1' : decoded.why })
    } else {
      problems.push(...pending)
      pending = []
      entries.push(entry)
      goodLength = end + 1
    }
    start = end + 1
  }
  return { kind: 'journal', entries, problems, goodLength }
}
