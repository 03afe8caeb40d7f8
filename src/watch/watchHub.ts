import { Observable } from 'rxjs'
import type { ConnectionState } from './ConnectionState.js'
import type { PollEvent } from './PollEvent.js'

type PollListener = (event: PollEvent) => void
type ConnectionListener = (state: ConnectionState) => void

interface Entry {
  state: ConnectionState
  running: boolean
  readonly polls: Set<PollListener>
  readonly connections: Set<ConnectionListener>
}

const online: ConnectionState = { kind: 'online' }

/**
 * Where each shared loop of a client tells what happens to its job, so that every subscriber of
 * that job hears it: a loop runs with the options of the watch that started it, so a callback in
 * those options would reach only that one. Two kinds of listener: each poll (`onPoll`, which
 * carries the ETA a second view of the job shows too) and the state of the connection
 * (`onConnection`, told the state at once on joining). An entry lives while its loop runs or
 * someone listens.
 */
export class WatchHub {
  private readonly entries = new Map<string, Entry>()

  /** A poll of the loop of `id`, for every `onPoll` listener of that job. */
  polled(id: string, event: PollEvent): void {
    for (const listener of [...(this.entries.get(id)?.polls ?? [])]) listener(event)
  }

  /** What the loop of `id` reports of its connection; `undefined` when it ends. */
  report(id: string, state: ConnectionState | undefined): void {
    const entry = this.entry(id)
    entry.running = state !== undefined
    entry.state = state ?? online
    if (state !== undefined) for (const listener of entry.connections) listener(state)
    this.prune(id, entry)
  }

  /** `loop$` as the loop of `id`: when it ends, or its last subscriber leaves, the entry is told. */
  loop$<T>(id: string, loop$: Observable<T>): Observable<T> {
    return new Observable<T>((subscriber) => {
      subscriber.add(() => this.report(id, undefined))
      loop$.subscribe(subscriber)
    })
  }

  /** Calls `listener` at each poll of `id`; returns what stops it. */
  listenPolls(id: string, listener: PollListener): () => void {
    return this.join(id, (entry) => entry.polls, listener)
  }

  /** Calls `listener` with the connection of `id` now and at each change; returns what stops it. */
  listenConnection(id: string, listener: ConnectionListener): () => void {
    const stop = this.join(id, (entry) => entry.connections, listener)
    listener(this.entry(id).state)
    return stop
  }

  private join<V>(id: string, pick: (entry: Entry) => Set<(value: V) => void>, listener: (value: V) => void): () => void {
    const entry = this.entry(id)
    // A fresh function per join: one callback given by two subscribers is two listeners.
    const own = (value: V): void => listener(value)
    pick(entry).add(own)
    return () => {
      pick(entry).delete(own)
      this.prune(id, entry)
    }
  }

  private entry(id: string): Entry {
    let entry = this.entries.get(id)
    if (entry === undefined) this.entries.set(id, (entry = { state: online, running: false, polls: new Set(), connections: new Set() }))
    return entry
  }

  private prune(id: string, entry: Entry): void {
    if (!entry.running && entry.polls.size === 0 && entry.connections.size === 0 && this.entries.get(id) === entry) this.entries.delete(id)
  }
}
