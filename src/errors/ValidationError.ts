import { PixiiErrorBase, type PixiiErrorInit } from './PixiiErrorBase.js'

/**
 * One reason a request was refused: the field (a path such as `items/0/platform`) and why.
 *
 * @example
 * ```ts
 * import type { ValidationIssue } from 'pixii-rx/advanced'
 * const issue: ValidationIssue = { path: 'items/0/platform', message: 'expected "Amazon" | "Amazon Mobile" | "Shopify" | "TikTok"' }
 * ```
 */
export interface ValidationIssue {
  /** Slash-separated path of the offending field; empty for the request as a whole. */
  readonly path: string
  /** What was wrong with it. */
  readonly message: string
}

/**
 * A request was refused because of its parameters, either by pixii-rx before anything was sent
 * (`source: 'client'`) or by the server (HTTP 400 `VALIDATION_ERROR`, `source: 'server'`).
 * Retrying it unchanged cannot help.
 *
 * @example
 * ```ts
 * import { ValidationError } from 'pixii-rx'
 * const error = new ValidationError({
 *   message: 'asin: expected a string of 5 to 15 characters, got "B0"',
 *   source: 'client',
 *   issues: [{ path: 'asin', message: 'expected a string of 5 to 15 characters, got "B0"' }],
 * })
 * console.log(error.field, error.retryable)
 * // Output: asin false
 * ```
 */
export class ValidationError extends PixiiErrorBase {
  readonly _tag = 'Validation' as const
  override readonly name = 'ValidationError' as const
  readonly retryable = false as const
  /** Who refused the request: pixii-rx before sending it, or the server. */
  readonly source: 'client' | 'server'
  /** Every problem found, field by field. */
  readonly issues: readonly ValidationIssue[]
  /** The path of the first offending field, when one is known. */
  readonly field: string | undefined

  constructor(
    init: PixiiErrorInit & { readonly source: 'client' | 'server'; readonly issues?: readonly ValidationIssue[] },
  ) {
    super(init)
    this.source = init.source
    this.issues = init.issues ?? []
    this.field = this.issues.find((issue) => issue.path !== '')?.path
  }
}
