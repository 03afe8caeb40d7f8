import { DecodeError, type DecodeIssue } from '../errors/DecodeError.js'
import type { RequestContext } from '../errors/RequestContext.js'
import { formatIssues } from '../errors/validationIssues.js'

/**
 * The one way an answer that does not hold together becomes an error: a `DecodeError` whose
 * message names the request, says what was wrong with its answer, then lists the issues
 * (`GET /v1/api/jobs/job_1 answered about another job: id: expected …`). `after` ends the
 * message when the issues need a word after them.
 *
 * @example
 * ```ts
 * import { answerError } from './answerError.js'
 * const error = answerError({ method: 'GET', path: '/v1/api/jobs' }, 'answered a JobPage that does not hold together', [
 *   { path: 'limit', expected: '20 (the limit asked for)', actual: 0 },
 * ])
 * console.log(error._tag, error.issues[0]?.path)
 * // Output: Decode limit
 * ```
 */
export function answerError(context: RequestContext, what: string, issues: readonly DecodeIssue[], after = ''): DecodeError {
  const where = `${context.method ?? ''} ${context.path ?? ''}`.trim()
  return new DecodeError({ message: `${where} ${what}: ${formatIssues(issues)}${after}`, issues, context })
}
