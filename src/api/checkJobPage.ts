import type { JobPage } from '../codecs/JobPage.js'
import type { DecodeIssue } from '../errors/DecodeError.js'
import type { RequestContext } from '../errors/RequestContext.js'
import { answerError } from './answerError.js'

/** What a page request asked for; `limit` absent leaves the server its default (1 to 100 is accepted). */
export interface PageAsked {
  readonly page: number
  readonly limit?: number
}

const wholeFrom = (n: unknown, min: number): boolean => typeof n === 'number' && Number.isInteger(n) && n >= min

/** What is wrong with one page taken alone, as issues with paths (`page`, `limit`, `total`, `data`). */
function pageIssues(asked: PageAsked, answer: JobPage): DecodeIssue[] {
  const issues: DecodeIssue[] = []
  if (answer.page !== asked.page) issues.push({ path: 'page', expected: `${asked.page} (the page asked for)`, actual: answer.page })
  if (asked.limit !== undefined ? answer.limit !== asked.limit : !(wholeFrom(answer.limit, 1) && answer.limit <= 100)) {
    const expected = asked.limit === undefined ? 'an integer from 1 to 100' : `${asked.limit} (the limit asked for)`
    issues.push({ path: 'limit', expected, actual: answer.limit })
  }
  if (!wholeFrom(answer.total, 0)) issues.push({ path: 'total', expected: 'an integer ≥ 0', actual: answer.total })
  if (issues.length > 0) return issues
  const before = (answer.page - 1) * answer.limit
  if (answer.data.length > answer.limit) {
    issues.push({ path: 'data', expected: `at most ${answer.limit} summaries (the limit)`, actual: `${answer.data.length} summaries` })
  } else if (answer.data.length > 0 && before >= answer.total) {
    // Page N starts after the (N-1)*limit jobs before it: with `total` at most that, it must be empty.
    issues.push({ path: 'total', expected: `more than ${before}, as page ${answer.page} of ${answer.limit} holds jobs`, actual: answer.total })
  }
  return issues
}

/**
 * Checks that a listing page holds together: it is the page asked for, with the limit asked for
 * (never 0), no more summaries than that limit, an integer `total`, and no summaries on a page
 * that starts beyond `total`. Anything else is a {@link DecodeError} naming each field: such an
 * answer cannot be paged through safely (a `limit` of 0 or a page that is always page 1 never
 * ends), and asking again brings the same answer.
 */
export function checkJobPage(answer: JobPage, asked: PageAsked, context: RequestContext): JobPage {
  const issues = pageIssues(asked, answer)
  if (issues.length === 0) return answer
  throw answerError(context, `answered a JobPage that does not hold together for page ${asked.page}`, issues)
}
