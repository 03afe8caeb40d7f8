import { defer, EMPTY, expand, type Observable } from 'rxjs'
import type { JobPage } from '../codecs/JobPage.js'

/**
 * Every page of a listing, one request at a time, stopping early once `enough` says the pages
 * so far are all that is needed.
 */
export function listAllPages$(
  page$: (page: number) => Observable<JobPage>,
  enough: (page: JobPage) => boolean = () => false,
): Observable<JobPage> {
  const more = (page: JobPage): boolean => page.data.length > 0 && page.page * page.limit < page.total && !enough(page)
  return defer(() => page$(1)).pipe(expand((page) => (more(page) ? page$(page.page + 1) : EMPTY)))
}
