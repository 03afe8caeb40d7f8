import * as t from 'io-ts'

const row = t.string
const at = t.number
const ErrorNote = t.type({ tag: t.string, message: t.string })
const SubmissionKind = t.keyof({ listingBuilder: null, scale: null, aPlus: null })

/**
 * One record of a catalogue journal (format version 1; see docs/guides/running-a-catalogue.md).
 * `row` is the row's key, `at` the run's clock in milliseconds since the epoch. In the order a
 * row meets them: `intent` (written and made durable before each POST leaves), `accepted` (the
 * job id; `adopted` when the answer was lost and the job was found in the ASIN's listing),
 * `status` per transition, `output` once the job is finished, `image` per image on disk (its
 * path relative to the output folder, size and SHA-256) or `image-failed`, `problem` for a
 * failure that leaves the row to a later run, and `finished`, after which a run skips the row.
 *
 * @example
 * ```ts
 * import { JournalEntry } from 'pixii-rx/catalogue'
 * console.log(JournalEntry.is({ kind: 'accepted', row: 'r1', at: 0, jobId: 'job_1', adopted: false }))
 * // Output: true
 * ```
 */
export const JournalEntry = t.union(
  [
    t.type({ kind: t.literal('intent'), row, at, submission: t.type({ kind: SubmissionKind, request: t.UnknownRecord }) }),
    t.type({ kind: t.literal('accepted'), row, at, jobId: t.string, adopted: t.boolean }),
    t.type({ kind: t.literal('status'), row, at, jobId: t.string, status: t.string }),
    t.type({
      kind: t.literal('output'),
      row,
      at,
      jobId: t.string,
      status: t.keyof({ completed: null, failed: null }),
      completedAt: t.union([t.string, t.null]),
      errorCode: t.union([t.string, t.null]),
      credits: t.type({ charged: t.number, refunded: t.number }),
      ads: t.array(t.type({ adIndex: t.number, ok: t.boolean, code: t.union([t.string, t.null]) })),
    }),
    t.type({ kind: t.literal('image'), row, at, jobId: t.string, adIndex: t.number, file: t.string, bytes: t.number, sha256: t.string }),
    t.type({ kind: t.literal('image-failed'), row, at, jobId: t.string, adIndex: t.number, error: ErrorNote }),
    t.type({ kind: t.literal('problem'), row, at, jobId: t.union([t.string, t.null]), error: ErrorNote }),
    t.type({
      kind: t.literal('finished'),
      row,
      at,
      jobId: t.union([t.string, t.null]),
      status: t.keyof({ completed: null, failed: null, refused: null }),
      error: t.union([ErrorNote, t.null]),
    }),
  ],
  'JournalEntry',
)
/** See the {@link JournalEntry} codec. */
export type JournalEntry = t.TypeOf<typeof JournalEntry>
