import * as t from 'io-ts'
import { Asin } from '../codecs/primitives.js'
import { requestCodec } from '../codecs/requestCodec.js'

const PositiveInteger = /* @__PURE__ */ t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1, 'integer ≥ 1')
const PageLimit = /* @__PURE__ */ t.refinement(t.number, (n) => Number.isInteger(n) && n >= 1 && n <= 100, 'integer from 1 to 100')

/**
 * The parameters of `GET /v1/api/jobs`: an `asin` (required), a `page` from 1 and a `limit`
 * (default 20, at most 100).
 *
 * @example
 * ```ts
 * import { ListJobsQuery } from 'pixii-rx/advanced'
 * console.log(ListJobsQuery.is({ asin: 'B0CHX1W1XY', page: 2 }), ListJobsQuery.is({ asin: 'B0', page: 0 }))
 * // Output: true false
 * ```
 */
export const ListJobsQuery = /* @__PURE__ */ requestCodec('ListJobsQuery', { asin: Asin }, { page: PositiveInteger, limit: PageLimit })
/** See the {@link ListJobsQuery} codec. */
export type ListJobsQuery = t.TypeOf<typeof ListJobsQuery>
