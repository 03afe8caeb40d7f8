import type { Submission } from '../submit/Submission.js'
import type { JournalEntry } from './JournalEntry.js'

type Entry<K extends JournalEntry['kind']> = Extract<JournalEntry, { kind: K }>

/** What the journal knows of one row, folded from its entries. */
export interface RowRecord {
  readonly row: string
  /** The submission, as its last intent recorded it. */
  submission: Submission | undefined
  /** When each POST of the current attempt was about to leave (a resubmission starts a new attempt). */
  intents: number[]
  jobId: string | undefined
  adopted: boolean
  status: string | undefined
  output: Entry<'output'> | undefined
  /** The images on disk, by their position in the job. */
  readonly images: Map<number, Entry<'image'>>
  readonly imageFailures: Map<number, Entry<'image-failed'>>
  problem: Entry<'problem'> | undefined
  finished: Entry<'finished'> | undefined
}

/** Every row the journal knows, every job id it recorded, and when each POST left. */
export interface JournalState {
  readonly rows: Map<string, RowRecord>
  readonly jobIds: Set<string>
  /** The time of every intent: the submissions the limiter counts. */
  readonly submissions: number[]
}

const freshRow = (row: string): RowRecord => ({
  row, submission: undefined, intents: [], jobId: undefined, adopted: false, status: undefined, output: undefined,
  images: new Map(), imageFailures: new Map(), problem: undefined, finished: undefined,
})

/** An empty state, to fold entries into. */
export function emptyJournalState(): JournalState {
  return { rows: new Map(), jobIds: new Set(), submissions: [] }
}

/**
 * Folds one entry into `state` (in place) and returns the row's record. An intent after a
 * `finished` entry (a row resubmitted with `resubmitFailed`) starts the row afresh; the job ids
 * of its earlier attempts stay known, so that no look-up ever adopts them.
 */
export function applyEntry(state: JournalState, entry: JournalEntry): RowRecord {
  let record = state.rows.get(entry.row)
  if (record === undefined || (entry.kind === 'intent' && record.finished !== undefined)) {
    record = freshRow(entry.row)
    state.rows.set(entry.row, record)
  }
  switch (entry.kind) {
    case 'intent':
      record.submission = entry.submission as Submission
      record.intents.push(entry.at)
      state.submissions.push(entry.at)
      break
    case 'accepted':
      record.jobId = entry.jobId
      record.adopted = entry.adopted
      record.problem = undefined
      state.jobIds.add(entry.jobId)
      break
    case 'status':
      record.status = entry.status
      break
    case 'output':
      record.output = entry
      record.status = entry.status
      break
    case 'image':
      record.images.set(entry.adIndex, entry)
      record.imageFailures.delete(entry.adIndex)
      break
    case 'image-failed':
      record.imageFailures.set(entry.adIndex, entry)
      // Not on disk (a failed write leaves no file under the final name): a row finished before
      // whose image is downloaded again and fails is no longer finished, and lists no such file.
      record.images.delete(entry.adIndex)
      if (record.finished?.status === 'completed') record.finished = undefined
      break
    case 'problem':
      record.problem = entry
      break
    case 'finished':
      record.finished = entry
      record.problem = undefined
      break
  }
  return record
}

/** The state of a journal's entries, oldest first. */
export function foldJournal(entries: Iterable<JournalEntry>): JournalState {
  const state = emptyJournalState()
  for (const entry of entries) applyEntry(state, entry)
  return state
}
