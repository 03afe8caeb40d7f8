import { BehaviorSubject, concat, concatMap, defer, EMPTY, identity, mergeMap, of, throwError, type Observable } from 'rxjs'
import type { JobPage } from '../codecs/JobPage.js'
import type { RequestContext } from '../errors/RequestContext.js'
import { answerError } from './answerError.js'

/** How {@link readPages$} pages through a listing. */
export interface ReadPagesOptions {
  /** The page size asked for, as the answers must echo it. */
  readonly limit: number
  /** The most pages read: a listing with more is cut off with a `DecodeError` (path `total`). */
  readonly maxPages: number
  /** Wraps the request of each page after the first (`listJobs$`'s `pace`). */
  readonly pace?: <T>(next$: Observable<T>) => Observable<T>
  /** Stops after a page once the pages so far are all that is needed. */
  readonly enough?: (page: JobPage) => boolean
  /** The listing request, for messages. */
  readonly context: RequestContext
}

const sameIds = (a: JobPage, b: JobPage): boolean =>
  a.data.length > 0 && a.data.length === b.data.length && a.data.every((summary, i) => summary.id === b.data[i]?.id)

/**
 * Pages 1, 2, 3, … of a listing (each already checked by `listJobPage$`), one request at a time,
 * in constant stack however many there are. The next page is pulled only once the previous one
 * has been delivered downstream (synchronously, as `concatMap(from(page.data))` does): a consumer
 * that unsubscribes on the way (`take(5)`) stops the paging before another request is made.
 * The pull goes through a subject that `concatMap` reads, so every page is a sibling of the
 * others under one subscriber, never a subscription nested in the previous page's.
 *
 * It ends after the last page (empty, or `page × limit ≥ total`), or `enough`. It errors with a
 * `DecodeError` on a page that repeats the previous page's ids (path `data`), and after page
 * `maxPages` when the listing says there are more (path `total`): a listing that does not end
 * (growing `total`) costs at most `maxPages` requests.
 */
export function readPages$(page$: (page: number) => Observable<JobPage>, options: ReadPagesOptions): Observable<JobPage> {
  const { limit, maxPages, pace = identity, enough = () => false, context } = options
  return defer(() => {
    const pull = new BehaviorSubject(1)
    let previous: JobPage | undefined
    const advance = (page: JobPage): Observable<never> => {
      if (page.data.length === 0 || page.page * page.limit >= page.total || enough(page)) {
        pull.complete()
        return EMPTY
      }
      if (page.page >= maxPages) {
        const issues = [{ path: 'total', expected: `at most ${maxPages * limit} (maxPages ${maxPages} × limit ${limit})`, actual: page.total }]
        const why = `still had more after ${maxPages} pages of ${limit}, so the listing was cut off (raise maxPages to read further)`
        return throwError(() => answerError(context, why, issues))
      }
      pull.next(page.page + 1)
      return EMPTY
    }
    return pull.pipe(
      concatMap((n) => (n === 1 ? page$(n) : pace(defer(() => page$(n))))),
      mergeMap((page) => {
        const before = previous
        previous = page
        if (before !== undefined && sameIds(before, page)) {
          const issues = [{ path: 'data', expected: `other summaries than page ${before.page}'s`, actual: page.data.map((summary) => summary.id) }]
          return throwError(() => answerError(context, `answered page ${page.page} with the summaries of page ${before.page}`, issues))
        }
        // `advance` runs only if the consumer is still there once it has the page.
        return concat(of(page), defer(() => advance(page)))
      }),
    )
  })
}
