const unfinished = new Set(['waiting', 'pending', 'processing', 'downloading'])

/**
 * What a command stopped by Ctrl-C or SIGTERM adds to its summary: the jobs it had not finished
 * with, each with where it was (a stop ends the watch, not the jobs on Pixii), and how to pick
 * them up again.
 *
 * @example
 * ```ts
 * import { interruptedSummary } from './interruptedSummary.js'
 * const where = new Map([['job_1', 'processing'], ['job_2', 'completed'], ['job_3', 'waiting']])
 * for (const line of interruptedSummary(where, 'watch')) console.log(line)
 * // Output: Stopped (interrupted). Not finished: job_1 (processing), job_3 (waiting)
 * // Output: Pick them up again with: pixii-rx watch job_1 job_3
 * ```
 */
export function interruptedSummary(where: ReadonlyMap<string, string>, command: string): string[] {
  const running = [...where].filter(([, status]) => unfinished.has(status))
  if (running.length === 0) return ['Stopped (interrupted).']
  return [
    `Stopped (interrupted). Not finished: ${running.map(([id, status]) => `${id} (${status})`).join(', ')}`,
    `Pick them up again with: pixii-rx ${command} ${running.map(([id]) => id).join(' ')}`,
  ]
}
