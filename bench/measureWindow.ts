import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { setTimeout as sleep } from 'node:timers/promises'
import type { PollWorkload } from './pollWorkload.js'
import type { SimulatorProcess } from './simulatorProcess.js'

/** What a workload did during the measured window, and how long it took to stop. */
export interface WindowMeasure {
  /** Polls answered per second of wall time. */
  readonly pollsPerSecond: number
  /** CPU time of this process (user + system) per poll, in microseconds. */
  readonly cpuMicrosPerPoll: number
  /** CPU time of this process over wall time: 1 is one core busy all the time. */
  readonly cpuShare: number
  /** The same for the simulator's process: near 1, the server was the limit. */
  readonly serverCpuShare: number
  /** TCP connections this process opened during the window. */
  readonly connections: number
  readonly polls: number
  readonly failures: number
  /** Milliseconds from asking the workload to stop until it had. */
  readonly stopMs: number
  /** TCP connections this process opened while stopping (requests started only to be aborted). */
  readonly stopConnections: number
}

/**
 * Lets `workload` warm up for `warmupMs`, then measures it for `windowMs`: polls, failures, the
 * CPU time of this process (process.cpuUsage) and of the simulator's, and the TCP connections
 * this process opened (the `net.client.socket` diagnostics channel, which Node's HTTP clients
 * go through). Then stops the workload and times that.
 */
export async function measureWindow(
  workload: PollWorkload,
  server: SimulatorProcess,
  warmupMs: number,
  windowMs: number,
): Promise<WindowMeasure> {
  let connections = 0
  const onSocket = (): void => {
    connections += 1
  }
  await sleep(warmupMs)
  const server0 = await server.stats()
  subscribe('net.client.socket', onSocket)
  const polls0 = workload.polls()
  const failures0 = workload.failures()
  const cpu0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  await sleep(windowMs)
  const cpu = process.cpuUsage(cpu0)
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  const polls = workload.polls() - polls0
  const failures = workload.failures() - failures0
  const windowConnections = connections
  const server1 = await server.stats()
  connections = 0
  const stopping = process.hrtime.bigint()
  await workload.stop()
  const stopMs = Number(process.hrtime.bigint() - stopping) / 1e6
  unsubscribe('net.client.socket', onSocket)
  const cpuMicros = cpu.user + cpu.system
  return {
    pollsPerSecond: polls / seconds,
    cpuMicrosPerPoll: polls === 0 ? Number.NaN : cpuMicros / polls,
    cpuShare: cpuMicros / 1e6 / seconds,
    serverCpuShare: (server1.cpuMicros - server0.cpuMicros) / 1e6 / seconds,
    connections: windowConnections,
    polls,
    failures,
    stopMs,
    stopConnections: connections,
  }
}
