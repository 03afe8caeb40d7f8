import { invalidInput } from '../errors/invalidInput.js'
import type { ValidationIssue } from '../errors/ValidationError.js'
import type { RunCatalogueOptions } from './RunCatalogueOptions.js'

/** The numeric options of a run, checked and filled from the defaults. */
export interface CheckedRunOptions {
  readonly concurrency: number
  readonly settleMs: number
  readonly leaseMs: number
}

const whole = (value: unknown, min: number): boolean => typeof value === 'number' && Number.isInteger(value) && value >= min

/** Checks `runCatalogue$`'s options; every problem is named in one `ValidationError`. */
export function checkRunOptions(options: RunCatalogueOptions): CheckedRunOptions {
  const issues: ValidationIssue[] = []
  const given = options as Partial<RunCatalogueOptions>
  if (typeof given.store?.open !== 'function' || typeof given.store.append !== 'function') issues.push({ path: 'store', message: 'expected a CatalogueStore, such as createJournalStore(path)' })
  if (typeof given.client !== 'object' || given.client === null) issues.push({ path: 'client', message: 'expected the client options, such as { apiKey }' })
  if (typeof given.out !== 'string' || given.out.trim() === '') issues.push({ path: 'out', message: 'expected the folder of the images' })
  const { concurrency = 1, settleMs = 30_000, leaseMs = 300_000 } = options
  if (!whole(concurrency, 1)) issues.push({ path: 'concurrency', message: `expected an integer ≥ 1, got ${String(concurrency)}` })
  if (!(typeof settleMs === 'number' && Number.isFinite(settleMs) && settleMs >= 0)) issues.push({ path: 'settleMs', message: `expected a number of ms ≥ 0, got ${String(settleMs)}` })
  if (!whole(leaseMs, 1)) issues.push({ path: 'leaseMs', message: `expected an integer ≥ 1, got ${String(leaseMs)}` })
  if (issues.length > 0) throw invalidInput('Invalid runCatalogue$ options', issues)
  return { concurrency, settleMs, leaseMs }
}
