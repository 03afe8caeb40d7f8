import { rowOf } from '../../src/catalogue/index.js'

/** `count` A+ rows, one ASIN each, the same in every worker of a test. */
export const catalogueRows = (count: number) =>
  Array.from({ length: count }, (_, n) =>
    rowOf({ kind: 'aPlus', request: { asin: `B0CHX1W${String(n).padStart(3, '0')}`, country_code: 'US', types: ['A+ Basic'] } }),
  )
