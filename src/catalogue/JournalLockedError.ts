import { PixiiErrorBase } from '../errors/PixiiErrorBase.js'

/**
 * Who holds a journal: what its lock file says.
 *
 * @example
 * ```ts
 * import type { JournalHolder } from 'pixii-rx/catalogue'
 * const holder: JournalHolder = { pid: 4242, host: 'worker-1', startedAt: '2026-01-01T00:00:00.000Z' }
 * ```
 */
export interface JournalHolder {
  readonly pid: number
  readonly host: string
  readonly startedAt: string
}

/**
 * A run refused a journal that another live run holds (its lock file names a process that is
 * still alive, or one on another machine, which cannot be checked from here).
 *
 * @example
 * ```ts
 * import { JournalLockedError } from 'pixii-rx/catalogue'
 * const error = new JournalLockedError({ message: 'held', journal: 'run.journal', holder: { pid: 42, host: 'box', startedAt: '2026-01-01T00:00:00.000Z' } })
 * console.log(error._tag, error.holder?.pid)
 * // Output: JournalLocked 42
 * ```
 */
export class JournalLockedError extends PixiiErrorBase {
  readonly _tag = 'JournalLocked' as const
  override readonly name = 'JournalLockedError' as const
  readonly retryable = false as const
  readonly journal: string
  readonly holder: JournalHolder | undefined

  constructor(init: { readonly message: string; readonly journal: string; readonly holder?: JournalHolder }) {
    super({ message: init.message })
    this.journal = init.journal
    this.holder = init.holder
  }
}
