import * as t from 'io-ts'
import { Ad } from './Ad.js'

/**
 * The result of a completed job: one {@link Ad} per generated image, in the server's order.
 * Unknown extra fields are kept.
 *
 * @example
 * ```ts
 * import { JobOutput } from 'pixii-rx/advanced'
 * console.log(JobOutput.is({ ads: [{ preview_url: 'https://img.example/1.png', error: null }] }))
 * // Output: true
 * ```
 */
export const JobOutput = /* @__PURE__ */ t.type({ ads: t.array(Ad) }, 'JobOutput')
/** See the {@link JobOutput} codec. */
export type JobOutput = t.TypeOf<typeof JobOutput>
