import { isPixiiError } from '../errors/isPixiiError.js'

/**
 * Failures that stop a whole catalogue run rather than one row: a key Pixii refuses, an
 * organisation out of credits or without a brand (every row would fail alike), and a store that
 * cannot record (a full disk, a journal that cannot be written): going on would do work that
 * could not be remembered.
 */
export function isFatal(error: unknown): boolean {
  if (!isPixiiError(error)) return true
  switch (error._tag) {
    case 'Unauthorized':
    case 'InsufficientCredits':
    case 'NoActiveBrand':
    case 'FileSystem':
      return true
    case 'RetriesExhausted':
      return error.lastError._tag === 'Unauthorized'
    default:
      return false
  }
}
