import { isDeepStrictEqual } from 'node:util'
import { isPixiiError, type Job, type JobStatus } from '../src/index.js'
import { isTerminalStatus } from '../src/advanced/index.js'
import type { Verdict } from './Verdict.js'
import type { WatchRecord } from './WatchRecord.js'

/** The simulator's ground truth about one job at the end of the run. */
export interface JobTruth {
  /** Every status the job had, oldest first. */
  readonly statuses: readonly JobStatus[]
  /** The job as it is at the end (finished, unless it never does), read without faults and decoded with the same codec. */
  readonly job: Job
  /** Answers about another job that the simulator sent for this one (`misdirected`, answered 200, not aborted). */
  readonly misdirected: number
}

/**
 * How a watch ended, as the judge sees it:
 * - `cut`: the run unsubscribed it midway;
 * - `refused`: the simulator sent it an answer about another job, and it ended with the
 *   `DecodeError` at path `id` naming its own job;
 * - `timed-out`: its job never finished during the run, and it ended by its overall deadline (a
 *   `Timeout` of deadline `total` carrying the last job emitted, with the job's id and a status it
 *   really had);
 * - `other`: anything else, which must be the job's final state as the contract delivers it.
 */
export type WatchEnding = 'cut' | 'refused' | 'timed-out' | 'other'

// The lifecycle order, written out here rather than taken from the library: the judge must not
// share a bug with what it judges.
const RANK: Readonly<Record<JobStatus, number>> = { pending: 0, processing: 1, completed: 2, failed: 2 }

function refusedAnswerAboutAnotherJob(record: WatchRecord): boolean {
  const error = record.error
  return (
    record.end === 'error' &&
    isPixiiError(error) &&
    error._tag === 'Decode' &&
    error.issues.some((issue) => issue.path === 'id' && issue.expected === JSON.stringify(record.id))
  )
}

function endedByDeadline(record: WatchRecord, truth: JobTruth): boolean {
  const error = record.error
  if (record.end !== 'error' || !isPixiiError(error) || error._tag !== 'Timeout' || error.deadline !== 'total') return false
  const job = error.job
  return job !== undefined && job.id === record.id && truth.statuses.includes(job.status) && isDeepStrictEqual(job, record.last)
}

/** How `record`'s watch ended (see {@link WatchEnding}); the excuses come from the simulator's truth, not from the client. */
export function watchEnding(record: WatchRecord, truth: JobTruth): WatchEnding {
  if (record.end === 'cut') return 'cut'
  if (truth.misdirected > 0 && refusedAnswerAboutAnotherJob(record)) return 'refused'
  if (!isTerminalStatus(truth.job.status) && endedByDeadline(record, truth)) return 'timed-out'
  return 'other'
}

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
 * one before (duplicates, backwards), against the statuses the job really had (phantoms) and
 * against the job watched (foreign). A watch the run cut midway, one that refused an answer about
 * another job, and one whose never-finishing job reached its deadline are not asked for a final
 * state; any other of a job that never finished is a wrong deadline; any other must have delivered
 * the finished job exactly as the simulator holds it, and ended as the contract says: completion
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
  const foreign = record.ids.filter((id) => id !== record.id).length
  const retriesExhausted = isPixiiError(record.error) && record.error._tag === 'RetriesExhausted' ? 1 : 0
  const seen = { duplicated, backwards, phantom, retriesExhausted, foreign }
  if (watchEnding(record, truth) !== 'other') return { lost: 0, wrongFinal: 0, wrongDeadline: 0, ...seen }
  if (!isTerminalStatus(truth.job.status)) return { lost: 0, wrongFinal: 0, wrongDeadline: 1, ...seen }
  const finished = record.last !== undefined && isTerminalStatus(record.last.status) && record.last.status === record.statuses.at(-1)
  const lost = finished && record.end !== undefined ? 0 : 1
  const wrongFinal = lost === 0 && !finalIsRight(record, truth.job) ? 1 : 0
  return { lost, wrongFinal, wrongDeadline: 0, ...seen }
}
