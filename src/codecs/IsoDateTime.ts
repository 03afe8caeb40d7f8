import { refinedString } from './refinedString.js'

const isoDateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/


/**
 * An ISO 8601 date-time with a time zone, such as `2026-01-01T12:00:00.000Z`. The decoded value
 * stays a string; `Date.parse` turns it into milliseconds.
 *
 * @example
 * ```ts
 * import { IsoDateTime } from 'pixii-rx/advanced'
 * console.log(IsoDateTime.is('2026-01-01T12:00:00Z'), IsoDateTime.is('yesterday'))
 * // Output: true false
 * ```
 */
export const IsoDateTime = /* @__PURE__ */ refinedString(
  'ISO 8601 date-time',
  (value) => isoDateTimePattern.test(value) && !Number.isNaN(Date.parse(value)),
)
