// Reads the marble diagrams of the guides: fenced blocks opened with ```text marbles:<id>.
//
//   ```text marbles:jobTimeout-each
//   jobTimeout({ first: 3, each: 8 })                       <- the call the diagram shows
//   source:        -p-----r--------                          <- a row: label, marbles, a note
//   result:        -p-----r-------#     # = Timeout: No transition within 8 ms
//   subscription:  ^--------------!
//   ```
//
// Marbles are RxJS TestScheduler marbles without spaces, one character a millisecond. A note
// `# = Tag: message` says what the row's `#` is. marbleDiagrams.test.ts runs each diagram.

/** One row of a diagram. */
export interface MarbleRow {
  readonly label: string
  readonly marbles: string
  /** What follows the marbles, trimmed ('' when nothing). */
  readonly note: string
  /** The `Tag: message` after `# =` in the note, if any. */
  readonly errorLegend?: string
  /** 1-based line in the Markdown file. */
  readonly line: number
}

/** One diagram. */
export interface MarbleDiagram {
  readonly id: string
  readonly source: string
  readonly line: number
  readonly call: string
  readonly rows: readonly MarbleRow[]
  /** Lines that are neither the call nor a row. */
  readonly unreadable: readonly string[]
}

const rowPattern = /^([A-Za-z$][\w$ ]*?):\s+(\S+)(?:\s+(.*))?$/

/** Every ```text marbles:<id> block of a Markdown text. */
export function marbleDiagramsIn(source: string, text: string): MarbleDiagram[] {
  const diagrams: MarbleDiagram[] = []
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const opening = /^```text\s+marbles:(\S+)\s*$/.exec(lines[index] ?? '')
    if (!opening) continue
    const body: { text: string; line: number }[] = []
    for (index++; index < lines.length && !/^```\s*$/.test(lines[index] ?? ''); index++) {
      if ((lines[index] ?? '').trim() !== '') body.push({ text: lines[index] ?? '', line: index + 1 })
    }
    const [call, ...rest] = body
    const rows: MarbleRow[] = []
    const unreadable: string[] = []
    for (const { text: line, line: number } of rest) {
      const match = rowPattern.exec(line)
      if (!match) {
        unreadable.push(`${source}:${number}: ${line}`)
        continue
      }
      const note = (match[3] ?? '').trim()
      const legend = /#\s*=\s*(.+)$/.exec(note)?.[1]?.trim()
      rows.push({ label: match[1] ?? '', marbles: match[2] ?? '', note, line: number, ...(legend === undefined ? {} : { errorLegend: legend }) })
    }
    diagrams.push({ id: opening[1] ?? '', source, line: call?.line ?? index, call: call?.text.trim() ?? '', rows, unreadable })
  }
  return diagrams
}

/**
 * An `attempt` row drawn on the absolute time line: `---^#` is a subscription at frame 3 to a
 * source that errors one frame later. Gives the cold source's own marbles (`-#`) and the
 * subscription marbles (`---^!`, unsubscribed when the source ends).
 */
export function splitAttempt(marbles: string): { readonly cold: string; readonly subscription: string } {
  const at = marbles.indexOf('^')
  if (at < 0) throw new Error(`an attempt row needs a ^ where it is subscribed: ${marbles}`)
  const cold = `-${marbles.slice(at + 1)}`
  // The frame of the source's end (| or #), counting a (…) group as the frame it starts on.
  let frame = 0
  let end: number | undefined
  for (let i = 0; i < cold.length; i++) {
    const char = cold[i]
    if (char === '(') {
      const close = cold.indexOf(')', i)
      if (/[|#]/.test(cold.slice(i, close))) end = frame
      i = close
      frame++
    } else {
      if (char === '|' || char === '#') end = frame
      frame++
    }
  }
  if (end === undefined) throw new Error(`an attempt row must end (| or #): ${marbles}`)
  // The cold source starts with the frame of the ^, so it ends at least one frame later.
  return { cold, subscription: `${marbles.slice(0, at)}^${'-'.repeat(end - 1)}!` }
}
