/**
 * `pixii-rx/testing`: a faithful, seeded, clock-driven stand-in for the Pixii API server.
 *
 * @example
 * ```ts
 * import { startSimulator, createSimulator, type Simulator } from 'pixii-rx/testing'
 * ```
 * @module pixii-rx/testing
 */
export { createSimulator } from './createSimulator.js'
export { startSimulator } from './startSimulator.js'
export type { Simulator, JobInsert } from './simulator.js'
export type { SimulatorOptions, DurationRanges } from './options.js'
export type { Outcome } from './outcome.js'
export type { Fault, FaultMatch, Faults } from './faults.js'
export type { LoggedRequest, ImageRequest } from './requestLog.js'
export type { SimulatorLedger, LedgerJob } from './ledger.js'
export type { JobStatus, JobType, Transition } from './jobRecord.js'
export { PRICING } from './pricing.js'
export { VOCABULARY } from './vocabulary.js'
export { createTestPage, type TestPage } from './createTestPage.js'
