import { ValidationError, type ValidationIssue } from './ValidationError.js'

/**
 * The one way a list of problems found in a caller's input becomes an error: a client-side
 * `ValidationError` whose message is `heading: path: message; path: message`, naming every
 * offending field. Every options check of the library ends here, so the messages read alike.
 *
 * @example
 * ```ts
 * import { invalidInput } from './invalidInput.js'
 * const error = invalidInput('Invalid createPixiiClient options', [{ path: 'maxInFlight', message: 'expected a positive integer, got 0' }])
 * console.log(error.message, error.field)
 * // Output: Invalid createPixiiClient options: maxInFlight: expected a positive integer, got 0 maxInFlight
 * ```
 */
export function invalidInput(heading: string, issues: readonly ValidationIssue[]): ValidationError {
  const message = `${heading}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`
  return new ValidationError({ message, source: 'client', issues })
}
