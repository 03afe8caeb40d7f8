import { Job } from '../src/index.js'
import type { Simulator } from '../src/testing/index.js'
import type { JobTruth } from './judgeRecord.js'

/**
 * Reads the ground truth of job `id`: its transitions from `sim.truth`, the job itself through
 * the simulator's in-memory fetch, decoded with the library's `Job` codec, and from the
 * simulator's log the answers about another job it was sent (a `misdirected` fault answered 200
 * and not aborted by the client: a 404 goes through unchanged). Call it after
 * `sim.faults.clear()`: the read must not be faulted.
 */
export async function readTruth(sim: Simulator, id: string): Promise<JobTruth> {
  const path = `/v1/api/jobs/${id}`
  const misdirected = sim.log.filter((request) => request.path === path && request.fault === 'misdirected' && request.status === 200 && !request.clientAborted).length
  const response = await sim.fetch(path, { headers: { Authorization: `Bearer ${sim.testKey}` } })
  const decoded = Job.decode(await response.json())
  if (decoded._tag === 'Left' || response.status !== 200) throw new Error(`chaos: the truth of ${id} does not read (${response.status})`)
  return { statuses: sim.truth(id).map((step) => step.status), job: decoded.right, misdirected }
}
