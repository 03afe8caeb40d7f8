import type { Submission } from '../submit/Submission.js'

/**
 * One line of a catalogue's results: where a row stands after a run. `status` is `completed`,
 * `failed` (the job failed), `refused` (Pixii refused the submission), `running` (submitted, not
 * finished yet, or its images not all on disk), `unresolved` (its answer was lost and its job
 * could not be told apart; it is never sent again on its own), `deferred` (left for when the
 * day's budget is back) or `pending` (not submitted yet).
 *
 * @example
 * ```ts
 * import type { RowResult } from 'pixii-rx/catalogue'
 * const line = (result: RowResult): string => `${result.asin} ${result.kind} ${result.status} ${result.files.length} files`
 * ```
 */
export interface RowResult {
  readonly row: string
  readonly line: number | undefined
  readonly asin: string
  readonly kind: Submission['kind']
  readonly jobId: string | null
  readonly status: 'completed' | 'failed' | 'refused' | 'running' | 'unresolved' | 'deferred' | 'pending'
  /** Ads generated, and ads Pixii failed to generate with their error codes. */
  readonly ads: { readonly ok: number; readonly failed: ReadonlyArray<{ readonly adIndex: number; readonly code: string }> }
  /** The images on disk, relative to the output folder. */
  readonly files: readonly string[]
  readonly credits: { readonly charged: number; readonly refunded: number }
  /** Why the row is not completed, when it is not. */
  readonly error: { readonly tag: string; readonly message: string } | null
}
