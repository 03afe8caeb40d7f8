import { fork } from 'node:child_process'
import { once } from 'node:events'
import { childEntry } from './childEntry.js'
import type { HeapMeasure } from './heapPerIdleWatch.js'
import type { SimulatorReady } from './simulatorServer.js'

/** Runs `bench/heapProbe` in a fresh process with `--expose-gc` against `server`. */
export async function measureHeap(server: SimulatorReady, cap: number): Promise<HeapMeasure> {
  const entry = childEntry('heapProbe', import.meta.url, ['--expose-gc'])
  const child = fork(entry.path, [], { execArgv: entry.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const answer = once(child, 'message') as Promise<[{ measure?: HeapMeasure; error?: string }]>
  child.send({ server: { url: server.url, key: server.key, ids: server.ids }, cap })
  const [reply] = await Promise.race([
    answer,
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`the heap probe exited without an answer (${String(code)})`))),
  ])
  if (reply.measure === undefined) throw new Error(`the heap probe failed: ${reply.error ?? 'no reason given'}`)
  return reply.measure
}
