import { PixiiErrorBase, type PixiiErrorInit } from './PixiiErrorBase.js'

/**
 * One field of an answer that did not match its codec.
 *
 * @example
 * ```ts
 * import type { DecodeIssue } from 'pixii-rx/advanced'
 * const issue: DecodeIssue = { path: 'status', expected: '"pending" | "processing" | "completed" | "failed"', actual: 'done' }
 * console.log(`${issue.path}: expected ${issue.expected}, got ${JSON.stringify(issue.actual)}`)
 * // Output: status: expected "pending" | "processing" | "completed" | "failed", got "done"
 * ```
 */
export interface DecodeIssue {
  /** Slash-separated path of the field, such as `output/ads/0/preview_url`; empty for the root. */
  readonly path: string
  /** What the codec expected, such as `"pending" | "processing" | "completed" | "failed"`. */
  readonly expected: string
  /** What came instead. */
  readonly actual: unknown
}

/**
 * The server answered valid JSON that does not match the documented shape: an unknown status, a
 * missing field, a malformed timestamp. Not retryable: asking again brings the same answer.
 *
 * @example
 * ```ts
 * import { DecodeError } from 'pixii-rx'
 * const error = new DecodeError({
 *   message: 'status: expected "pending" | "processing" | "completed" | "failed", got "done"',
 *   issues: [{ path: 'status', expected: '"pending" | "processing" | "completed" | "failed"', actual: 'done' }],
 * })
 * console.log(error.issues[0]?.path, error.retryable)
 * // Output: status false
 * ```
 */
export class DecodeError extends PixiiErrorBase {
  readonly _tag = 'Decode' as const
  override readonly name = 'DecodeError' as const
  readonly retryable = false as const
  /** Every field that failed, with what was expected and what came. */
  readonly issues: readonly DecodeIssue[]

  constructor(init: PixiiErrorInit & { readonly issues: readonly DecodeIssue[] }) {
    super(init)
    this.issues = init.issues
  }
}
