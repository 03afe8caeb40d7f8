import { Observable } from 'rxjs'
import type { ConnectionState } from './ConnectionState.js'
import type { PollEvent } from './PollEvent.js'

/** What one subscriber of a job hears: its own `onPoll` and `onConnection`, either optional. */
export interface JobListener {
  readonly onPoll?: ((event: PollEvent) => void) | undefined
  readonly onConnection?: ((state: ConnectionState) => void) | undefined
}

interface Entry {
  state: ConnectionState
  running: boolean
  readonly listeners: Set<JobListener>
}

const online: ConnectionState = { kind: 'online' }

/**
 * Where each shared loop of a client tells what happens to its job, so that every subscriber of
 * that job hears it: a loop runs with the options of the watch that started it, so a callback in
 * those options would reach only that one. A subscriber hears each poll (`onPoll`, which carries
 * the ETA a second view of the job shows too) and the state of the connection (`onConnection`,
 * told the state at once on joining). An entry lives while its loop runs or someone listens.
 */
export class WatchHub {
  private readonly entries = new Map<string, Entry>()

  /** A poll of the loop of `id`, for every `onPoll` of that job. */
  polled(id: string, event: PollEvent): void {
    for (const listener of [...(this.entries.get(id)?.listeners ?? [])]) listener.onPoll?.(event)
  }

  /** What the loop of `id` reports of its connection; `undefined` when it ends. */
  report(id: string, state: ConnectionState | undefined): void {
    const entry = this.entry(id)
    entry.running = state !== undefined
    entry.state = state ?? online
    if (state !== undefined) for (const listener of entry.listeners) listener.onConnection?.(state)
    this.prune(id, entry)
  }

  /** `loop$` as the loop of `id`: when it ends, or its last subscriber leaves, the entry is told. */
  loop$<T>(id: string, loop$: Observable<T>): Observable<T> {
    return new Observable<T>((subscriber) => {
      subscriber.add(() => this.report(id, undefined))
      loop$.subscribe(subscriber)
    })
  }

  /** Tells `listener` of each poll of `id` and of its connection (now, then at each change); returns what stops it. */
  join(id: string, listener: JobListener): () => void {
    const entry = this.entry(id)
    // A record of its own per join: one callback given by two subscribers is two listeners.
    const own = { ...listener }
    entry.listeners.add(own)
    own.onConnection?.(entry.state)
    return () => {
      entry.listeners.delete(own)
      this.prune(id, entry)
    }
  }

  private entry(id: string): Entry {
    let entry = this.entries.get(id)
    if (entry === undefined) this.entries.set(id, (entry = { state: online, running: false, listeners: new Set() }))
    return entry
  }

  private prune(id: string, entry: Entry): void {
    if (!entry.running && entry.listeners.size === 0 && this.entries.get(id) === entry) this.entries.delete(id)
  }
}
