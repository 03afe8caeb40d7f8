import type { PixiiError, PixiiErrorTag } from './PixiiError.js'

const tags: ReadonlySet<string> = new Set<PixiiErrorTag>([
  'Unauthorized', 'JobNotFound', 'Validation', 'InsufficientCredits', 'NoActiveBrand', 'RateLimited',
  'Server', 'Network', 'Decode', 'Timeout', 'JobFailed', 'Aborted', 'RetriesExhausted',
  'ImageExpired', 'BufferOverflow', 'FileSystem', 'SubmissionOutcomeUnknown',
])

/**
 * Whether a value is a {@link PixiiError}, optionally of one tag. Checks the tag rather than
 * `instanceof`, so it works across bundles and duplicated installs.
 *
 * @param value - Anything, typically a caught error.
 * @throws Never.
 *
 * @example
 * ```ts
 * import { isPixiiError, JobNotFoundError } from 'pixii-rx'
 * const error: unknown = new JobNotFoundError({ message: 'gone' })
 * console.log(isPixiiError(error), isPixiiError(error, 'RateLimited'))
 * // Output: true false
 * ```
 */
export function isPixiiError(value: unknown): value is PixiiError
/**
 * Whether a value is the {@link PixiiError} variant of one tag, narrowed to it.
 *
 * @param value - Anything, typically a caught error.
 * @param tag - The `_tag` to check for.
 * @throws Never.
 */
export function isPixiiError<T extends PixiiErrorTag>(value: unknown, tag: T): value is Extract<PixiiError, { _tag: T }>
export function isPixiiError(value: unknown, tag?: PixiiErrorTag): boolean {
  if (!(value instanceof Error) || !('_tag' in value) || typeof value._tag !== 'string') return false
  return tag === undefined ? tags.has(value._tag) : value._tag === tag
}
