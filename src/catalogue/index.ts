/**
 * `pixii-rx/catalogue`: catalogue runs that survive anything. `runCatalogue$` submits rows,
 * watches their jobs and downloads their images, recording each step in a store (the embedded
 * journal of `createJournalStore`, or another behind {@link CatalogueStore}) so that a run killed
 * at any instant resumes without paying twice or losing an image. Node only. This file only
 * re-exports.
 *
 * @example
 * ```ts
 * import { createJournalStore, readRows, rowOf, runCatalogue$ } from 'pixii-rx/catalogue'
 * ```
 * @module pixii-rx/catalogue
 */
export type { CatalogueEvent } from './CatalogueEvent.js'
export type { CatalogueRow } from './CatalogueRow.js'
export type { CatalogueStore, JournalProblem, StoreContents } from './CatalogueStore.js'
export { createJournalStore, type JournalStoreOptions } from './journal/createJournalStore.js'
export type { JournalFile, JournalFileSystem } from './journal/JournalFileSystem.js'
export { JournalEntry } from './JournalEntry.js'
export { JournalFormatError } from './JournalFormatError.js'
export { JournalLockedError, type JournalHolder } from './JournalLockedError.js'
export { readRows, type RowLine } from './readRows.js'
export { rowOf } from './rowOf.js'
export type { RowResult } from './RowResult.js'
export { runCatalogue$ } from './runCatalogue.js'
export type { RunCatalogueOptions } from './RunCatalogueOptions.js'
