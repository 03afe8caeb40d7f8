import { isTerminalStatus } from '../codecs/JobStatus.js'
import type { JobEvent } from './JobEvent.js'

/** Whether `event` is the last a job gets: its error, or the job in a terminal status. */
export function isFinalEvent(event: JobEvent): boolean {
  return event.kind === 'error' || (event.kind === 'job' && isTerminalStatus(event.status))
}
