import type { Observable, Subscription } from 'rxjs'
import { createPixiiClient, type Job, type PixiiClient, type PixiiClientOptions } from '../../src/index.js'
import { createSimulator, startSimulator, type Simulator, type SimulatorOptions } from '../../src/testing/index.js'
import { VirtualClock } from './virtualTime.js'

/** A simulator and a client on one virtual clock. */
export interface Harness {
  readonly clock: VirtualClock
  readonly sim: Simulator
  /** A client with the simulator's test key (override with `client({ apiKey })`). */
  client(options?: Partial<PixiiClientOptions>): PixiiClient
  close(): Promise<void>
}

/**
 * Builds a {@link Harness}: in memory by default, over loopback HTTP with `http: true`.
 * `track: false` leaves requests untracked, for faults that never answer (`hang`).
 */
export async function harness(
  options: { readonly http?: boolean; readonly track?: boolean } & Omit<SimulatorOptions, 'scheduler'> = {},
): Promise<Harness> {
  const { http = false, track = true, ...simulatorOptions } = options
  const clock = new VirtualClock()
  const sim = http
    ? await startSimulator({ ...simulatorOptions, scheduler: clock.scheduler })
    : createSimulator({ ...simulatorOptions, scheduler: clock.scheduler })
  const fetch = http ? globalThis.fetch : sim.fetch
  return {
    clock,
    sim,
    client: (overrides = {}) =>
      createPixiiClient({
        apiKey: sim.testKey,
        baseUrl: sim.url ?? 'http://127.0.0.1:1',
        fetch: track ? clock.track(fetch) : fetch,
        scheduler: clock.scheduler,
        random: () => 0.5,
        ...overrides,
      }),
    close: () => sim.close(),
  }
}

/** What a stream did, with the virtual time of each event. */
export interface Recording<A> {
  readonly values: Array<{ readonly at: number; readonly value: A }>
  error: unknown
  completedAt: number | undefined
  readonly subscription: Subscription
  readonly ended: () => boolean
}

/** Subscribes and records values, error and completion with their virtual times. */
export function record<A>(source: Observable<A>, clock: VirtualClock): Recording<A> {
  const values: Array<{ at: number; value: A }> = []
  const recording = {
    values,
    error: undefined as unknown,
    completedAt: undefined as number | undefined,
    ended: () => recording.error !== undefined || recording.completedAt !== undefined,
  }
  const subscription = source.subscribe({
    next: (value) => values.push({ at: clock.scheduler.now(), value }),
    error: (error: unknown) => {
      recording.error = error
    },
    complete: () => {
      recording.completedAt = clock.scheduler.now()
    },
  })
  return Object.assign(recording, { subscription })
}

/** The statuses of recorded jobs with their times. */
export function transitions(recording: Recording<Job>): Array<[number, string]> {
  return recording.values.map(({ at, value }) => [at, value.status])
}
