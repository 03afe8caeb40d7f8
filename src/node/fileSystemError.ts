import { FileSystemError } from '../errors/FileSystemError.js'

/**
 * A Node file-system failure as a typed {@link FileSystemError}, naming the file and keeping the
 * error code (`ENOSPC`, `EACCES`, …).
 *
 * @example
 * ```ts
 * import { fileSystemError } from './fileSystemError.js'
 * const cause = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
 * const error = fileSystemError(cause, 'images/job_1', 'create the folder')
 * console.log(error._tag, error.code, error.message)
 * // Output: FileSystem EACCES Cannot create the folder images/job_1: EACCES: permission denied
 * ```
 */
export function fileSystemError(cause: unknown, file: string, doing: string): FileSystemError {
  const code = (cause as { code?: unknown } | undefined)?.code
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new FileSystemError({
    message: `Cannot ${doing} ${file}: ${reason}`,
    file,
    ...(typeof code === 'string' ? { code } : {}),
    ...(cause instanceof Error ? { cause } : {}),
  })
}
