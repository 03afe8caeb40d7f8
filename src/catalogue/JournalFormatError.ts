import { PixiiErrorBase } from '../errors/PixiiErrorBase.js'

/**
 * A journal this version cannot use: written by a newer pixii-rx (`found` above `supported`), or
 * not a catalogue journal at all (`found` undefined). Nothing in it is changed.
 *
 * @example
 * ```ts
 * import { JournalFormatError } from 'pixii-rx/catalogue'
 * const error = new JournalFormatError({ message: 'newer', journal: 'run.journal', found: 2, supported: 1 })
 * console.log(error._tag, error.found, error.supported)
 * // Output: JournalFormat 2 1
 * ```
 */
export class JournalFormatError extends PixiiErrorBase {
  readonly _tag = 'JournalFormat' as const
  override readonly name = 'JournalFormatError' as const
  readonly retryable = false as const
  readonly journal: string
  /** The format version the journal declares, when it declares one. */
  readonly found: number | undefined
  /** The newest version this pixii-rx reads. */
  readonly supported: number

  constructor(init: { readonly message: string; readonly journal: string; readonly found?: number; readonly supported: number }) {
    super({ message: init.message })
    this.journal = init.journal
    this.found = init.found
    this.supported = init.supported
  }
}
