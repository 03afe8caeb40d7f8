import type { Submission } from '../submit/Submission.js'

/**
 * One row of a catalogue: what to submit, and the key that names the row in the journal from one
 * run to the next. Rows read by `readRows` carry the line they came from.
 *
 * @example
 * ```ts
 * import { rowOf, type CatalogueRow } from 'pixii-rx/catalogue'
 * const row: CatalogueRow = rowOf({ kind: 'aPlus', request: { asin: 'B0CHX1W1XY', country_code: 'US', types: ['A+ Basic'] } })
 * console.log(row.key.length, row.submission.kind)
 * // Output: 16 aPlus
 * ```
 */
export interface CatalogueRow {
  /** The row's name in the journal: the same row gets the same key in every run. */
  readonly key: string
  readonly submission: Submission
  /** The line of the rows file it came from (1-based), when it came from one. */
  readonly line?: number
}
