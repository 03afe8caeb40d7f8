/**
 * How a simulated job ends.
 * - `success`: `completed`, every ad has a signed `preview_url`.
 * - `partial`: `completed`, but the last `failedAds` ads (at most all of them) carry
 *   `error: { code: errorCode ?? 'IMAGE_GENERATION_FAILED', message }` and a null
 *   `preview_url`; their credits come back in `credits_refunded`.
 * - `failure`: `failed` with `error_code: errorCode ?? 'GENERATION_FAILED'`, `output: null`,
 *   everything refunded.
 *
 * @example
 * ```ts
 * import { createSimulator, type Outcome } from 'pixii-rx/testing'
 * const sim = createSimulator()
 * const twoBad: Outcome = { kind: 'partial', failedAds: 2, errorCode: 'NSFW_DETECTED' }
 * sim.script(twoBad) // the next accepted submission ends that way
 * ```
 */
export type Outcome =
  | { readonly kind: 'success' }
  | { readonly kind: 'partial'; readonly failedAds: number; readonly errorCode?: string }
  | { readonly kind: 'failure'; readonly errorCode?: string }

/** The outcome of a job nobody scripted. */
export const SUCCESS: Outcome = { kind: 'success' }
