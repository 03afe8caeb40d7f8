import { fork } from 'node:child_process'
import { once } from 'node:events'
import { childEntry } from './childEntry.js'
import type { SimulatorReady, SimulatorStats } from './simulatorServer.js'

/** A simulator running in a child process: its address, key and job ids, and its controls. */
export interface SimulatorProcess extends SimulatorReady {
  /** Requests it has seen, aborted ones, and its own CPU time so far. */
  stats(): Promise<SimulatorStats>
  close(): Promise<void>
}

/** Starts `bench/simulatorServer` in a child process with `jobs` endless jobs. */
export async function startSimulatorProcess(jobs: number): Promise<SimulatorProcess> {
  const entry = childEntry('simulatorServer', import.meta.url)
  const child = fork(entry.path, [String(jobs)], { execArgv: entry.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const exited = once(child, 'exit')
  const early = exited.then(([code]) => Promise.reject(new Error(`the simulator process exited early (${String(code)})`)))
  const reply = async <A>(): Promise<A> => ((await Promise.race([once(child, 'message'), early])) as [A])[0]
  const ready = await reply<SimulatorReady>()
  return {
    ...ready,
    stats() {
      const answer = reply<SimulatorStats>()
      child.send('stats')
      return answer
    },
    async close() {
      if (child.exitCode !== null) return
      early.catch(() => undefined)
      child.send('close')
      await exited
    },
  }
}
