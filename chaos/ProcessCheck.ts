/** What the full run measured of its own process around the chaos run (real time only). */
export interface ProcessCheck {
  /** `process.getActiveResourcesInfo()` before the run and after the simulator closed. */
  readonly resourcesBefore: readonly string[]
  readonly resourcesAfter: readonly string[]
  /** Heap used after a full GC, before and after the run, in bytes. */
  readonly heapBefore: number
  readonly heapAfter: number
  /** The most the heap may grow over the run, in bytes. */
  readonly heapBound: number
}

/** The resources present after the run in a greater number than before it (a kind per extra one). */
export function leakedResources(check: ProcessCheck): string[] {
  const left = [...check.resourcesBefore]
  const extra: string[] = []
  for (const resource of check.resourcesAfter) {
    const i = left.indexOf(resource)
    if (i === -1) extra.push(resource)
    else left.splice(i, 1)
  }
  return extra
}

/** Heap used after two full collections (needs `node --expose-gc`; without it, as it is). */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  gc?.()
  return process.memoryUsage().heapUsed
}
