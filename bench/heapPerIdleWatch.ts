import { setTimeout as sleep } from 'node:timers/promises'
import { createPixiiClient, fixedSchedule } from '../src/index.js'
import type { SimulatorReady } from './simulatorServer.js'

/** What holding many idle watches costs in heap. */
export interface HeapMeasure {
  readonly jobs: number
  /** Jobs whose first poll was answered before measuring (all of them, unless it timed out). */
  readonly answered: number
  /** Heap used with every watch idle, minus heap used before subscribing, after a full GC each time. */
  readonly bytes: number
  readonly bytesPerJob: number
  /** Milliseconds until every first poll was answered. */
  readonly firstPollsMs: number
}

const IDLE_INTERVAL_MS = 3_600_000
const FIRST_POLLS_TIMEOUT_MS = 120_000

function collectedHeap(gc: () => void): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

/**
 * Heap per idle watched job: one client (cap `cap`) watches every id with `watchJobs$`, polling
 * once and then waiting an hour; once every first poll is answered, all watches sit between two
 * polls. Needs `--expose-gc` (see `heapProbe.ts`, which runs it in a process of its own).
 */
export async function heapPerIdleWatch(server: SimulatorReady, cap: number): Promise<HeapMeasure> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) throw new Error('heapPerIdleWatch needs node --expose-gc')
  let answered = 0
  const client = createPixiiClient({ apiKey: server.key, baseUrl: server.url, maxInFlight: cap })
  const before = collectedHeap(gc)
  const started = Date.now()
  const subscription = client
    .watchJobs$(server.ids, { schedule: fixedSchedule(IDLE_INTERVAL_MS), batchByAsin: false, onPoll: () => (answered += 1) })
    .subscribe()
  while (answered < server.ids.length && Date.now() - started < FIRST_POLLS_TIMEOUT_MS) await sleep(20)
  const firstPollsMs = Date.now() - started
  await sleep(100) // the last answers' promise chains settle
  const bytes = collectedHeap(gc) - before
  subscription.unsubscribe()
  return { jobs: server.ids.length, answered, bytes, bytesPerJob: bytes / server.ids.length, firstPollsMs }
}
