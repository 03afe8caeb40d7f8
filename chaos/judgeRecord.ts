import { isDeepStrictEqual } from 'node:util'
import { isPixiiError, isTerminalStatus, type Job, type JobStatus } from '../src/index.js'
import type { Verdict } from './Verdict.js'
import type { WatchRecord } from './WatchRecord.js'

/** The simulator's ground truth about one job, once it has finished. */
export interface JobTruth {
  /** Every status the job had, oldest first. */
  readonly statuses: readonly JobStatus[]
  /** The finished job, read without faults and decoded with the same codec. */
  readonly job: Job
}

// The lifecycle order, written out here rather than taken from the library: the judge must not
// share a bug with what it judges.
const RANK: Readonly<Record<JobStatus, number>> = { pending: 0, processing: 1, completed: 2, failed: 2 }

function finalIsRight(record: WatchRecord, truth: Job): boolean {
  const last = record.last
  if (last === undefined || !isDeepStrictEqual(last, truth)) return false
  if (truth.status === 'completed') return record.end === 'complete'
  // A failed job is emitted, then the watch errors with JobFailed carrying the job's code.
  const error = record.error
  return (
    record.end === 'error' &&
    isPixiiError(error) &&
    error._tag === 'JobFailed' &&
    error.errorCode === truth.error_code &&
    isDeepStrictEqual(error.job, truth)
  )
}

/**
 * Compares what a watch delivered with the ground truth. Every emission is checked against the
 * one before (duplicates, backwards) and against the statuses the job really had (phantoms). A
 * watch the run cut midway is not asked for a final state; any other must have delivered the
 * finished job exactly as the simulator holds it, and ended as the contract says: completion
 * after `completed`, `JobFailed` with the job's `error_code` after `failed`.
 */
export function judgeRecord(record: WatchRecord, truth: JobTruth): Verdict {
  let duplicated = 0
  let backwards = 0
  record.statuses.forEach((status, i) => {
    const before = record.statuses[i - 1]
    if (before === undefined) return
    if (status === before) duplicated += 1
    else if (RANK[status] < RANK[before]) backwards += 1
  })
  const phantom = record.statuses.filter((status) => !truth.statuses.includes(status)).length
  const retriesExhausted = isPixiiError(record.error) && record.error._tag === 'RetriesExhausted' ? 1 : 0
  if (record.end === 'cut') return { lost: 0, duplicated, backwards, phantom, wrongFinal: 0, retriesExhausted }
  const finished = record.last !== undefined && isTerminalStatus(record.last.status) && record.last.status === record.statuses.at(-1)
  const lost = finished && record.end !== undefined ? 0 : 1
  const wrongFinal = lost === 0 && !finalIsRight(record, truth.job) ? 1 : 0
  return { lost, duplicated, backwards, phantom, wrongFinal, retriesExhausted }
}
