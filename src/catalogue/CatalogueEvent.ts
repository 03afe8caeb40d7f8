import type { PixiiError } from '../errors/PixiiError.js'
import type { LimiterState } from '../submit/limiter/LimiterState.js'
import type { JournalProblem } from './CatalogueStore.js'
import type { RowResult } from './RowResult.js'

/**
 * What `runCatalogue$` emits, discriminated by `kind`:
 * - `opened`: what the store held: rows finished and in progress, unreadable records
 *   (`problems`), and the submissions of the last minute and day that the limiter starts from;
 * - `skipped`: a row with nothing left to do (`finished`, `failed` without `resubmitFailed`,
 *   `duplicate` of an earlier row, or `claimed` by another worker);
 * - `submitting` (its intent is on disk and the POST leaves now), `accepted` (`adopted` when its
 *   job was found in the ASIN's listing: a lost answer, or a run killed between the POST and the
 *   answer), `status` per transition, `image` / `image-failed` per image;
 * - `finished`: the row is done, with its result; `problem`: the row is left for a later run
 *   (its error says why); `deferred`: not submitted because the day's budget is spent
 *   (`untilBudget`);
 * - `limiter`: the limiter's state when it changes (tokens, next submission, a pause), and
 *   `waiting` when the day's budget is spent and the run waits until `until`;
 * - `done`: the end of the run, with every input row's result.
 *
 * @example
 * ```ts
 * import type { CatalogueEvent } from 'pixii-rx/catalogue'
 * const show = (event: CatalogueEvent): string => {
 *   switch (event.kind) {
 *     case 'finished': return `${event.result.asin}: ${event.result.status}`
 *     case 'waiting': return `day budget spent, going on at ${new Date(event.until).toISOString()}`
 *     default: return event.kind
 *   }
 * }
 * ```
 */
export type CatalogueEvent =
  | {
      readonly kind: 'opened'
      readonly finished: number
      readonly inProgress: number
      readonly problems: readonly JournalProblem[]
      readonly submissions: { readonly lastMinute: number; readonly lastDay: number }
    }
  | { readonly kind: 'skipped'; readonly row: string; readonly reason: 'finished' | 'failed' | 'duplicate' | 'claimed' }
  | { readonly kind: 'submitting'; readonly row: string; readonly at: number }
  | { readonly kind: 'accepted'; readonly row: string; readonly jobId: string; readonly adopted: boolean }
  | { readonly kind: 'status'; readonly row: string; readonly jobId: string; readonly status: string }
  | { readonly kind: 'image'; readonly row: string; readonly jobId: string; readonly adIndex: number; readonly file: string; readonly sha256: string }
  | { readonly kind: 'image-failed'; readonly row: string; readonly jobId: string; readonly adIndex: number; readonly error: PixiiError }
  | { readonly kind: 'finished'; readonly row: string; readonly result: RowResult }
  | { readonly kind: 'problem'; readonly row: string; readonly jobId: string | null; readonly error: PixiiError }
  | { readonly kind: 'deferred'; readonly row: string }
  | { readonly kind: 'limiter'; readonly state: LimiterState }
  | { readonly kind: 'waiting'; readonly until: number }
  | { readonly kind: 'done'; readonly results: readonly RowResult[] }
