import { loadavg } from 'node:os'
import type { BenchResult } from './BenchResult.js'
import { startClientLoop } from './clientLoop.js'
import { fetchWithoutKeepAlive, nodeGlobalFetch } from './fetchVariants.js'
import type { HeapMeasure } from './heapPerIdleWatch.js'
import { measureHeap } from './measureHeap.js'
import { measureWindow, type WindowMeasure } from './measureWindow.js'
import type { PollWorkload } from './pollWorkload.js'
import { startRawLoop } from './rawLoop.js'
import { startSimulatorProcess, type SimulatorProcess } from './simulatorProcess.js'

const JOBS = 10_000
/** The client-wide cap on requests in flight: the library's default `maxInFlight`. */
const CAP = 16
const ROUNDS = 3
const WARMUP_MS = 1_000
const WINDOW_MS = 3_000
const HEAP_TARGET_KB = 4
const THROUGHPUT_TARGET = 0.7

interface Variant {
  readonly name: string
  readonly start: (server: SimulatorProcess) => PollWorkload
}

const raw: Variant = { name: 'raw loop: node:http keep-alive agent + JSON.parse', start: (s) => startRawLoop(s, CAP, 'node:http') }
const rawCrossFetch: Variant = { name: 'raw loop: cross-fetch + JSON.parse', start: (s) => startRawLoop(s, CAP, 'cross-fetch') }
const pixii: Variant = { name: 'pixii-rx, default fetch (cross-fetch)', start: (s) => startClientLoop(s, CAP) }
const withoutKeepAlive: Variant = {
  name: 'pixii-rx, cross-fetch without keep-alive',
  start: (s) => startClientLoop(s, CAP, fetchWithoutKeepAlive),
}
const undici: Variant = { name: "pixii-rx, Node's global fetch (undici)", start: (s) => startClientLoop(s, CAP, nodeGlobalFetch) }

/**
 * The round of a variant with the most polls per second: other processes on the machine can only
 * slow a round down, so the best one is the nearest to what the code itself costs.
 */
function best(measures: readonly WindowMeasure[] | undefined): WindowMeasure {
  const [first, ...rest] = measures ?? []
  if (first === undefined) throw new Error('a variant was not measured')
  return rest.reduce((top, m) => (m.pollsPerSecond > top.pollsPerSecond ? m : top), first)
}

/** The best round of one variant, as one table row. */
function row(name: string, measures: readonly WindowMeasure[]): Record<string, string | number> {
  const m = best(measures)
  return {
    variant: name,
    'polls/s': m.pollsPerSecond,
    'client CPU µs/poll': m.cpuMicrosPerPoll,
    'client CPU share': m.cpuShare,
    'server CPU share': m.serverCpuShare,
    'new TCP connections': m.connections,
    failures: m.failures,
    'stop (ms)': m.stopMs,
    rounds: measures.length,
  }
}

function keepAliveNote(byName: ReadonlyMap<string, readonly WindowMeasure[]>): string {
  const connections = (variant: Variant): number => best(byName.get(variant.name)).connections
  const opened = connections(pixii)
  const closing = connections(withoutKeepAlive)
  const verdict =
    opened === 0
      ? 'so keep-alive is already in effect with the default fetch and the library needs no change for it: cross-fetch 4.1 uses node-fetch 2.7, which no longer sends `Connection: close` and, given no agent, uses `http.globalAgent`, keep-alive by default since Node 19 (this package needs Node ≥ 20.19)'
      : 'so the default fetch is NOT keeping connections alive'
  return `Keep-alive: the default fetch opened ${opened} TCP connection(s) during its window, the variant without keep-alive ${closing}; ${verdict}.`
}

function stopNote(byName: ReadonlyMap<string, readonly WindowMeasure[]>): string {
  const { stopMs: ms, stopConnections: opened } = best(byName.get(pixii.name))
  const why =
    opened === 0
      ? 'none: the request gate hands a freed slot to the next waiting request only after the code that freed it has run, so unsubscribing everything starts nothing'
      : 'requests the gate started for waiting watches while others were being unsubscribed, only to be aborted: the gate is handing freed slots over too early'
  return (
    `"stop" is the time from unsubscribing (or stopping the raw loop) until it has stopped. For pixii-rx that unsubscribes ${JOBS.toLocaleString('en-US')} watches, ` +
    `most of them waiting at the request gate: ${(ms / 1000).toFixed(1)} s, during which it opened ${opened} TCP connection(s): ${why}.`
  )
}

function throughputNote(row: Readonly<Record<string, string | number>>, ratio: number, floor: number): string[] {
  if (ratio >= THROUGHPUT_TARGET) return []
  const share = Number(row['client CPU share'])
  const why =
    share >= 0.9
      ? `the client process was CPU-bound (CPU share ${share.toFixed(2)}): its CPU per poll is what limits it`
      : `the client process was not CPU-bound (CPU share ${share.toFixed(2)}) and neither was the server, so the cores were shared with other processes (see the load average): the ratio then reflects scheduling as much as overhead, and CPU per poll is the steadier measure`
  const floorNote =
    `The raw loop through cross-fetch, with no decoding, schedule, cap, timeout or Observable, reaches ${floor.toFixed(2)}× of the node:http loop by itself: ` +
    `that is the ceiling for any client on cross-fetch (the project's fixed HTTP stack), ${
      floor < THROUGHPUT_TARGET ? `already below the ${THROUGHPUT_TARGET}× target, so no client on cross-fetch can meet it` : `so ${THROUGHPUT_TARGET}× leaves only ${((1 - THROUGHPUT_TARGET / floor) * 100).toFixed(0)} % of its time for the client's own work`
    }. ` +
    'Meeting it would mean replacing cross-fetch with a transport of our own on node:http.'
  return [`Throughput target missed (${ratio.toFixed(2)} < ${THROUGHPUT_TARGET}): ${why}.`, floorNote]
}

function heapNote(heap: HeapMeasure): string {
  return (
    `Heap, measured first and in a process of its own (node --expose-gc): ${heap.answered} of ${heap.jobs} watches answered their first poll in ${(heap.firstPollsMs / 1000).toFixed(1)} s; ` +
    `then, all idle (next poll in an hour), heap used after a full GC grew by ${(heap.bytes / 1024 / 1024).toFixed(1)} MiB over the client alone, ` +
    `${(heap.bytesPerJob / 1024).toFixed(2)} KB per watched job (the last job snapshot, the loop's state object, its timer, and the subscribers that relay it to watchJobs$).` +
    (heap.bytesPerJob / 1024 <= HEAP_TARGET_KB
      ? ''
      : ` The ${HEAP_TARGET_KB} KB target is missed: take a heap snapshot of this probe and see which constructors grew per watch.`)
  )
}

/**
 * Benchmark 2: the client's overhead over real HTTP. A simulator with instant answers runs in a
 * child process with 10,000 endless jobs; pixii-rx watches all of them at a client-wide cap of
 * 16 with a 0 ms schedule (so the cap sets the pace), against a raw loop doing the same GETs
 * with 16 keep-alive connections and `JSON.parse` only. Rounds alternate the two; each row is
 * its best round. First, heap per idle watched job at 10,000 jobs, in a process of its own.
 */
export async function runClientOverhead(): Promise<BenchResult> {
  const began = Date.now()
  const loadBefore = loadavg()[0] ?? 0
  const server = await startSimulatorProcess(JOBS)
  const byName = new Map<string, WindowMeasure[]>()
  let heap: HeapMeasure
  try {
    heap = await measureHeap(server, CAP)
    const plan = [...Array.from({ length: ROUNDS }, () => [raw, rawCrossFetch, pixii]).flat(), withoutKeepAlive, undici]
    for (const variant of plan) {
      const measure = await measureWindow(variant.start(server), server, WARMUP_MS, WINDOW_MS)
      byName.set(variant.name, [...(byName.get(variant.name) ?? []), measure])
    }
  } finally {
    await server.close()
  }
  const rows = [...byName].map(([name, measures]) => row(name, measures))
  const rowOf = (variant: Variant) => rows.find((r) => r['variant'] === variant.name) ?? {}
  const value = (variant: Variant, column: string): number => Number(rowOf(variant)[column])
  const throughput = value(pixii, 'polls/s') / value(raw, 'polls/s')
  const heapKb = heap.bytesPerJob / 1024
  return {
    title: `Benchmark 2: client overhead over loopback HTTP (${JOBS.toLocaleString('en-US')} jobs, cap ${CAP})`,
    columns: Object.keys(rows[0] ?? {}),
    rows,
    ratios: [
      { label: 'throughput: pixii-rx (default fetch) / raw loop', value: throughput, target: `≥ ${THROUGHPUT_TARGET}`, met: throughput >= THROUGHPUT_TARGET },
      { label: 'client CPU per poll: pixii-rx (default fetch) / raw loop', value: value(pixii, 'client CPU µs/poll') / value(raw, 'client CPU µs/poll') },
      { label: 'throughput: raw loop through cross-fetch / raw loop (node:http)', value: value(rawCrossFetch, 'polls/s') / value(raw, 'polls/s') },
      { label: 'throughput: pixii-rx (default fetch) / raw loop through cross-fetch', value: value(pixii, 'polls/s') / value(rawCrossFetch, 'polls/s') },
      { label: 'throughput: pixii-rx default fetch / without keep-alive', value: value(pixii, 'polls/s') / value(withoutKeepAlive, 'polls/s') },
      { label: 'throughput: pixii-rx default fetch / global fetch (undici)', value: value(pixii, 'polls/s') / value(undici, 'polls/s') },
      { label: `heap per idle watched job at ${JOBS.toLocaleString('en-US')} jobs, KB (absolute)`, value: heapKb, target: `≤ ${HEAP_TARGET_KB}`, met: heapKb <= HEAP_TARGET_KB },
    ],
    notes: [
      `The simulator (pixii-rx/testing over loopback HTTP, no faults, instant answers) runs in a child process with ${JOBS.toLocaleString('en-US')} jobs that stay \`processing\`, so its CPU is not counted as the client's.`,
      `pixii-rx: one client, \`maxInFlight: ${CAP}\`, \`watchJobs$\` over every id with \`fixedSchedule(0)\` (each watch polls again as soon as it is answered, so the cap sets the pace). Raw loops: ${CAP} loops of \`http.get\` through one keep-alive \`http.Agent\` and \`JSON.parse\`, round-robin over the same ids; the second does the same through cross-fetch (\`res.text()\`, then \`JSON.parse\`), the floor for any client built on cross-fetch.`,
      `Each window: ${WARMUP_MS / 1000} s of warm-up, then ${WINDOW_MS / 1000} s measured; the two raw loops and pixii-rx alternate for ${ROUNDS} rounds and each row is the variant's best round (the most polls per second: other processes can only slow a round down); the two fetch variants run once. CPU is process.cpuUsage (user + system) of the client process; "CPU share" 1.0 is one core busy throughout. A server share near 1.0 means the server, not the client, set the pace.`,
      stopNote(byName),
      keepAliveNote(byName),
      ...throughputNote(rowOf(pixii), throughput, value(rawCrossFetch, 'polls/s') / value(raw, 'polls/s')),
      heapNote(heap),
      `1-minute load average: ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after (2 cores: other processes on the machine compete with both client and server); this benchmark took ${((Date.now() - began) / 1000).toFixed(0)} s.`,
    ],
  }
}
