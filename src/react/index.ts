/**
 * `pixii-rx/react`: a hook that watches a job in a React component (`useJob`), and the external
 * store under it (`createJobStore`). React 18 or later is a peer dependency of this subpath only:
 * `pixii-rx` itself never loads it. This file only re-exports.
 *
 * @module pixii-rx/react
 */
export { useJob } from './useJob.js'
export { createJobStore, type JobStore } from './createJobStore.js'
export type { JobSnapshot } from './JobSnapshot.js'
