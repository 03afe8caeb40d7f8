import type { JobStatus } from '../codecs/JobStatus.js'

const ranks: Readonly<Record<JobStatus, number>> = { pending: 0, processing: 1, completed: 2, failed: 2 }

/** A job's progress as a number: a status never goes back to a lower rank. */
export function statusRank(status: JobStatus): number {
  return ranks[status]
}
