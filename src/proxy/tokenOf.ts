import type { IncomingHttpHeaders } from 'node:http'
import type { Refusal } from './Refusal.js'

/** The job token a request carries, if any, or the refusal for one given twice. */
export type TokenOf = { readonly ok: true; readonly value: string | undefined } | { readonly ok: false; readonly refusal: Refusal }

/**
 * Takes the job token from the `X-Pixii-Job-Token` header or the `token` query parameter (which
 * `EventSource` needs: it sends no headers of the page's choosing) and removes the parameter from
 * `search`, so that the rest of the query is checked as before. A token given twice is refused:
 * which copy counts would be a guess.
 *
 * @example
 * ```ts
 * import { tokenOf } from './tokenOf.js'
 * const search = new URLSearchParams('token=abc')
 * console.log(tokenOf({}, search), search.size)
 * console.log(tokenOf({ 'x-pixii-job-token': 'abc' }, new URLSearchParams('token=abc')).ok)
 * // Output: { ok: true, value: 'abc' } 0
 * // Output: false
 * ```
 */
export function tokenOf(headers: IncomingHttpHeaders, search: URLSearchParams): TokenOf {
  const header = headers['x-pixii-job-token']
  const inQuery = search.getAll('token')
  search.delete('token')
  const given = [...(header === undefined ? [] : [header].flat()), ...inQuery]
  if (given.length > 1) {
    return { ok: false, refusal: { status: 400, code: 'VALIDATION_ERROR', message: 'The job token is given more than once; give it once', detail: 'token' } }
  }
  return { ok: true, value: given[0] }
}
