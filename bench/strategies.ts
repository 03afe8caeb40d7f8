import { adaptiveSchedule, exponentialSchedule, fixedSchedule, type PollSchedule } from '../src/index.js'

/** A polling strategy as its library documents its defaults, reimplemented as a schedule. */
export interface Strategy {
  readonly name: string
  /** Where its defaults come from. */
  readonly source: string
  /** A fresh schedule (strategies that learn start from scratch). */
  readonly make: (random: () => number) => PollSchedule
}

/** AWS SDK v3 waiters: 2 s minimum, 120 s maximum, exponential backoff with full jitter above the minimum. */
function awsWaiter(random: () => number): PollSchedule {
  return {
    name: 'AWS waiter',
    nextDelayMs: ({ attempt }) => {
      const ceiling = Math.min(120_000, 2_000 * 2 ** (attempt - 1))
      return Math.round(2_000 + (ceiling - 2_000) * random())
    },
  }
}

/** Every strategy benchmark 1 compares, the baselines first. */
export const strategies: readonly Strategy[] = [
  { name: 'fixed 5 s', source: "Pixii's advice", make: () => fixedSchedule(5_000) },
  { name: 'fixed 2 s', source: 'Azure core-lro default', make: () => fixedSchedule(2_000) },
  { name: 'fixed 0.5 s', source: 'Replicate and fal clients', make: () => fixedSchedule(500) },
  { name: 'AWS waiter', source: 'AWS SDK v3 waiters: 2–120 s, jittered exponential', make: awsWaiter },
  { name: 'gax', source: 'google-gax LRO: 0.1 s ×1.3 up to 60 s', make: () => exponentialSchedule({ initialMs: 100, factor: 1.3, maxMs: 60_000 }) },
  { name: 'ours (adaptive)', source: 'pixii-rx adaptiveSchedule(), defaults, learning from scratch', make: () => adaptiveSchedule() },
  {
    name: 'ours, pendingMaxMs 120 s',
    source: 'adaptiveSchedule({ pendingMaxMs: 120_000 }): no poll between queued and the likely end',
    make: () => adaptiveSchedule({ pendingMaxMs: 120_000 }),
  },
]
