import * as t from 'io-ts'
import { JobSummary } from './JobSummary.js'

/**
 * One page of `GET /v1/api/jobs?asin=…`: summaries newest first, the `total` across pages,
 * and the `page` (from 1) and `limit` that produced it.
 *
 * @example
 * ```ts
 * import { JobPage } from 'pixii-rx/advanced'
 * console.log(JobPage.is({ data: [], total: 0, page: 1, limit: 20 }))
 * // Output: true
 * ```
 */
export const JobPage = /* @__PURE__ */ t.type({ data: t.array(JobSummary), total: t.number, page: t.number, limit: t.number }, 'JobPage')
/** See the {@link JobPage} codec. */
export type JobPage = t.TypeOf<typeof JobPage>
