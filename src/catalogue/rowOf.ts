import { createHash } from 'node:crypto'
import type { Submission } from '../submit/Submission.js'
import type { CatalogueRow } from './CatalogueRow.js'

// Key order must not change a row's key: a CSV re-saved with its columns moved is the same catalogue.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((name) => [name, canonical((value as Record<string, unknown>)[name])]),
  )
}

/**
 * A {@link CatalogueRow} for `submission`. Its key is `key` when given, otherwise the first 16 hex
 * digits of the SHA-256 of the submission (kind and request, fields in any order): the same row
 * in a later run, or in a file whose columns were reordered, names the same journal entries, and
 * two identical rows are one.
 *
 * @param submission - What the row submits.
 * @param options - `key` to name the row yourself (a SKU), `line` where it came from.
 * @throws Never: the submission is checked when it is submitted.
 *
 * @example
 * ```ts
 * import { rowOf } from 'pixii-rx/catalogue'
 * const a = rowOf({ kind: 'listingBuilder', request: { asin: 'B0CHX1W1XY', country_code: 'US', listing_type: 'amazon_listing' } })
 * const b = rowOf({ kind: 'listingBuilder', request: { listing_type: 'amazon_listing', country_code: 'US', asin: 'B0CHX1W1XY' } })
 * console.log(a.key === b.key, rowOf(a.submission, { key: 'sku-42' }).key)
 * // Output: true sku-42
 * ```
 */
export function rowOf(submission: Submission, options: { readonly key?: string; readonly line?: number } = {}): CatalogueRow {
  const key = options.key ?? createHash('sha256').update(JSON.stringify(canonical(submission))).digest('hex').slice(0, 16)
  return { key, submission, ...(options.line === undefined ? {} : { line: options.line }) }
}
