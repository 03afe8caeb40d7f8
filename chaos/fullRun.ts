import crossFetch from 'cross-fetch'
import { asyncScheduler } from 'rxjs'
import { startSimulator } from '../src/testing/index.js'
import type { ChaosFigures } from './ChaosFigures.js'
import { ISSUE_FAULT_MIX } from './FaultMix.js'
import { runChaos } from './runChaos.js'

/** The settings of `npm run chaos`, as the report states them. */
export const FULL_RUN = {
  concurrency: 50,
  cancelShare: 0.05,
  groupShare: 0.2,
  requestTimeoutMs: 1_500,
  // 75 times the longest test job, and beyond the retry budget at its worst (20 failures with
  // backoffs of 2 s), as the 30-minute default is for live jobs.
  watchTimeoutMs: 60_000,
  endlessShare: 0.005,
  retry: { maxConsecutiveFailures: 20, maxBackoffMs: 2_000 },
  quietMs: 6_000,
  deadlineMs: 240_000,
} as const

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * One chaos run in real time: a simulator on 127.0.0.1, a client with its default transport
 * (cross-fetch) and the real `asyncScheduler`, `jobs` jobs, `FULL_RUN`'s settings. The simulator
 * is closed before this resolves. A run still going at the deadline stops waiting: what has not
 * ended by then counts as lost.
 */
export async function fullRun(jobs: number, seed: number): Promise<ChaosFigures> {
  const sim = await startSimulator({ seed })
  try {
    return await runChaos({
      sim,
      baseUrl: sim.url,
      fetch: crossFetch,
      scheduler: asyncScheduler,
      plan: { jobs, seed, cancelShare: FULL_RUN.cancelShare, groupShare: FULL_RUN.groupShare, endlessShare: FULL_RUN.endlessShare },
      concurrency: FULL_RUN.concurrency,
      requestTimeoutMs: FULL_RUN.requestTimeoutMs,
      watchTimeoutMs: FULL_RUN.watchTimeoutMs,
      retry: FULL_RUN.retry,
      faults: ISSUE_FAULT_MIX,
      until: async (finished) => {
        let timer: NodeJS.Timeout | undefined
        const deadline = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, FULL_RUN.deadlineMs)
        })
        await Promise.race([finished, deadline]).finally(() => clearTimeout(timer))
      },
      wait: sleep,
      quietMs: FULL_RUN.quietMs,
    })
  } finally {
    await sim.close()
  }
}
