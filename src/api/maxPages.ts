import { invalidInput } from '../errors/invalidInput.js'
import type { ValidationError } from '../errors/ValidationError.js'
import { showValue } from '../errors/validationIssues.js'

/**
 * The default page bound of a listing read to its end (`listJobs$`, and each tick of `watchAsin$`
 * and of `watchJobs$`'s batches): 1,000 pages, 20,000 jobs at `listJobs$`'s default limit of 20
 * and 100,000 at 100. An organisation can submit 500 jobs a day, and a record lives 7 days after
 * it finishes, so one ASIN rarely holds more than about 4,000 jobs: the default leaves room five
 * times over at limit 20, and still bounds a listing that does not end.
 *
 * @example
 * ```ts
 * import { defaultMaxPages } from 'pixii-rx/advanced'
 * console.log(defaultMaxPages)
 * // Output: 1000
 * ```
 */
export const defaultMaxPages = 1_000

/** A `maxPages` option, checked: an integer ≥ 1 (the default when absent), or a `ValidationError` naming it. */
export function checkMaxPages(maxPages: unknown, caller: string): number | ValidationError {
  if (maxPages === undefined) return defaultMaxPages
  if (typeof maxPages === 'number' && Number.isInteger(maxPages) && maxPages >= 1) return maxPages
  return invalidInput(`Invalid ${caller} options`, [{ path: 'maxPages', message: `expected an integer ≥ 1, got ${showValue(maxPages)}` }])
}
