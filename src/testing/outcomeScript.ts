import { SUCCESS, type Outcome } from './outcome.js'

/**
 * A queue of scripted outcomes, consumed by accepted submissions in order.
 *
 * @example
 * ```ts
 * import { createOutcomeScript } from './outcomeScript.js'
 * const script = createOutcomeScript()
 * script.add({ kind: 'failure' }, { times: 1, asin: 'B000000001' })
 * console.log(script.next('B0OTHER001').kind, script.next('B000000001').kind, script.next('B000000001').kind)
 * // Output: success failure success
 * ```
 */
export interface OutcomeScript {
  /** Queues `outcome` for the next `times` (default 1) submissions, optionally only those for `asin`. */
  add(outcome: Outcome, opts?: { times?: number; asin?: string }): void
  /** Takes the outcome for a submission of `asin`: the oldest rule that matches, else success. */
  next(asin: string): Outcome
}

interface Rule {
  readonly outcome: Outcome
  readonly asin: string | undefined
  left: number
}

/**
 * Creates an empty script.
 *
 * @example
 * ```ts
 * import { createOutcomeScript } from './outcomeScript.js'
 * console.log(createOutcomeScript().next('B000000001'))
 * // Output: { kind: 'success' }
 * ```
 */
export function createOutcomeScript(): OutcomeScript {
  let rules: Rule[] = []
  return {
    add(outcome, opts = {}) {
      const times = opts.times ?? 1
      if (!(times >= 1) || (!Number.isInteger(times) && times !== Infinity)) {
        throw new RangeError(`pixii-rx/testing: script times must be a positive integer or Infinity, got ${times}`)
      }
      if (outcome.kind === 'partial' && !(Number.isInteger(outcome.failedAds) && outcome.failedAds >= 0)) {
        throw new RangeError(`pixii-rx/testing: partial failedAds must be an integer >= 0, got ${outcome.failedAds}`)
      }
      rules.push({ outcome, asin: opts.asin, left: times })
    },
    next(asin) {
      const rule = rules.find((r) => r.asin === undefined || r.asin === asin)
      if (rule === undefined) return SUCCESS
      rule.left -= 1
      if (rule.left <= 0) rules = rules.filter((r) => r !== rule)
      return rule.outcome
    },
  }
}
