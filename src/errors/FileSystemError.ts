import { PixiiErrorBase, type PixiiErrorInit } from './PixiiErrorBase.js'

/**
 * Writing to the local disk failed (a download's directory cannot be created, the disk is full,
 * permission denied). `code` is Node's error code (`ENOSPC`, `EACCES`, …), `file` the local path.
 * Not retryable: the same write would fail the same way until someone fixes the disk.
 *
 * @example
 * ```ts
 * import { FileSystemError } from 'pixii-rx'
 * const error = new FileSystemError({ message: 'Cannot write images/job_1/ad-01.png: no space left', code: 'ENOSPC', file: 'images/job_1/ad-01.png' })
 * console.log(error._tag, error.code, error.retryable)
 * // Output: FileSystem ENOSPC false
 * ```
 */
export class FileSystemError extends PixiiErrorBase {
  readonly _tag = 'FileSystem' as const
  override readonly name = 'FileSystemError' as const
  readonly retryable = false as const
  /** Node's error code, such as `ENOSPC`, when there is one. */
  readonly code: string | undefined
  /** The local file or directory concerned. */
  readonly file: string

  constructor(init: PixiiErrorInit & { readonly code?: string; readonly file: string }) {
    super(init)
    this.code = init.code
    this.file = init.file
  }
}
