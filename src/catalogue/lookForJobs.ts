import { filter, takeWhile, toArray, type Observable } from 'rxjs'
import type { JobSummary } from '../codecs/JobSummary.js'
import { submissionTarget } from '../submit/submissionTarget.js'
import type { CatalogueRow } from './CatalogueRow.js'
import type { RunContext } from './RunContext.js'

/**
 * The jobs that may be a row's, after a run stopped between its intent and the answer: jobs of
 * the row's ASIN and job type created since `since` (less the clock skew, as `created_at` is on
 * the server's clock) and owned by no row of the journal. Newest first; the listing is read only
 * down to the first job older than the window.
 */
export function lookForJobs$(context: RunContext, row: CatalogueRow, since: number): Observable<JobSummary[]> {
  const { jobType } = submissionTarget(row.submission.kind)
  const from = since - context.clockSkewMs
  return context.client.listJobs$(row.submission.request.asin, { limit: 100 }).pipe(
    takeWhile((job) => Date.parse(job.created_at) >= from),
    filter((job) => job.job_type === jobType && !context.state.jobIds.has(job.id)),
    toArray(),
  )
}
