import { readFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'

/** The machine a run was made on, as the report notes it. */
export interface Machine {
  readonly cpu: string
  readonly cores: number
  readonly memoryGiB: number
  readonly node: string
  readonly platform: string
  readonly date: string
  /** 1-minute load average when the run started: other processes compete for the cores. */
  readonly loadAtStart: number
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'))
    const model = line?.split(':')[1]?.trim()
    if (model !== undefined && model !== '') return model
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown'
}

/** Reads the CPU model (/proc/cpuinfo), cores, memory, Node version, date and load. */
export function describeMachine(now = new Date()): Machine {
  return {
    cpu: cpuModel(),
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: now.toISOString(),
    loadAtStart: loadavg()[0] ?? 0,
  }
}
