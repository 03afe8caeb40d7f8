import type { ConnectionState } from './ConnectionState.js'

type Listener = (state: ConnectionState) => void

const online: ConnectionState = { kind: 'online' }

/**
 * Where each shared loop of a client tells how it stands with the network, so that every
 * subscriber of a job hears it (a loop runs with the options of the watch that started it, so
 * a callback in the options would reach only that one). An entry lives while its loop runs or
 * someone listens.
 */
export class ConnectionHub {
  private readonly entries = new Map<string, { state: ConnectionState; running: boolean; readonly listeners: Set<Listener> }>()

  /** What the loop of `id` reports; `undefined` when it ends. */
  report(id: string, state: ConnectionState | undefined): void {
    const entry = this.entry(id)
    entry.running = state !== undefined
    entry.state = state ?? online
    if (state !== undefined) for (const listener of entry.listeners) listener(state)
    this.prune(id)
  }

  /** Calls `listener` with the state of `id` now and at each change; returns what stops it. */
  listen(id: string, listener: Listener): () => void {
    const entry = this.entry(id)
    entry.listeners.add(listener)
    listener(entry.state)
    return () => {
      entry.listeners.delete(listener)
      this.prune(id)
    }
  }

  private entry(id: string) {
    let entry = this.entries.get(id)
    if (entry === undefined) this.entries.set(id, (entry = { state: online, running: false, listeners: new Set() }))
    return entry
  }

  private prune(id: string): void {
    const entry = this.entries.get(id)
    if (entry !== undefined && !entry.running && entry.listeners.size === 0) this.entries.delete(id)
  }
}
