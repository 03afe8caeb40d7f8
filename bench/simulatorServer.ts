// The child process of benchmark 2: a loopback simulator with instant answers (no faults, no
// latency) and `jobs` jobs that stay `processing` for good, so every poll is a full answer and
// no watch ever ends. It runs in its own process so that the server's CPU is not counted as the
// client's (process.cpuUsage is per process) and so that it has a core of its own.
import { startSimulator } from '../src/testing/index.js'

/** What the child tells its parent once it listens. */
export interface SimulatorReady {
  readonly url: string
  readonly key: string
  readonly ids: readonly string[]
}

/** What the child answers to `stats`: requests seen, aborted by the client, and its CPU time. */
export interface SimulatorStats {
  readonly requests: number
  readonly aborted: number
  readonly cpuMicros: number
}

const forever = 1e12

const jobs = Number(process.argv[2] ?? '0')
const simulator = await startSimulator({ seed: 8 })
const ids = Array.from({ length: jobs }, (_, i) =>
  simulator.createJob({ key: simulator.testKey, asin: `B${String(i).padStart(9, '0')}`, queuedMs: 0, processingMs: forever }),
)
const ready: SimulatorReady = { url: simulator.url, key: simulator.testKey, ids }
process.send?.(ready)
process.on('message', (message) => {
  if (message === 'stats') {
    const cpu = process.cpuUsage()
    const stats: SimulatorStats = {
      requests: simulator.log.length,
      aborted: simulator.log.filter((entry) => entry.clientAborted).length,
      cpuMicros: cpu.user + cpu.system,
    }
    process.send?.(stats)
  } else void simulator.close().then(() => process.exit(0))
})
process.on('disconnect', () => process.exit(0))
