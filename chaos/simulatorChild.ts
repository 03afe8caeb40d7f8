// `pixii-rx simulate --json --requests --ledger` as a child process, for a run that judges other
// child processes from the simulator's truth: the fleet run and the catalogue crash run.
import { spawn, type ChildProcess } from 'node:child_process'
import type { SimulatorLedger } from '../src/testing/ledger.js'

/** Calls `each` with each JSON line the child prints on stdout. */
export function onLines(child: ChildProcess, each: (line: Record<string, unknown>) => void): void {
  let text = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString()
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n')) {
      const line = text.slice(0, end)
      text = text.slice(end + 1)
      if (line.trim() !== '') each(JSON.parse(line) as Record<string, unknown>)
    }
  })
}

/** Resolves with the exit code once the child has ended (null: ended by a signal). */
export const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)))

/** `pixii-rx simulate` as a child: its URL, live key, ledger, and each request it prints. */
export interface SimulatorChild {
  readonly url: string
  readonly liveKey: string
  ledger(): Promise<SimulatorLedger>
  /** Calls `each` with each API request the simulator sees from now on; returns how to stop. */
  onRequest(each: (request: { seq: number; method: string; path: string }) => void): () => void
  /** SIGTERM, then its exit code (130 when it closed cleanly). */
  stop(): Promise<number | null>
}

/** Starts `node <cli> simulate --json --requests --ledger <flags…>` and waits for its first line. */
export async function startSimulatorChild(cli: string, flags: readonly string[]): Promise<SimulatorChild> {
  const child = spawn(process.execPath, [cli, 'simulate', '--json', '--requests', '--ledger', ...flags], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const listeners = new Set<(request: { seq: number; method: string; path: string }) => void>()
  const ready = new Promise<{ url: string; liveKey: string; ledger: string }>((resolve, reject) => {
    onLines(child, (line) => {
      if (line['kind'] === 'simulator') resolve(line as unknown as { url: string; liveKey: string; ledger: string })
      if (line['kind'] === 'request') for (const each of listeners) each(line as unknown as { seq: number; method: string; path: string })
    })
    child.once('exit', (code) => reject(new Error(`pixii-rx simulate ended with ${code} before its first line: ${stderr}`)))
  })
  const { url, liveKey, ledger } = await ready
  return {
    url,
    liveKey,
    ledger: async () => (await (await fetch(ledger)).json()) as SimulatorLedger,
    onRequest(each) {
      listeners.add(each)
      return () => listeners.delete(each)
    },
    async stop() {
      child.kill('SIGTERM')
      return exited(child)
    },
  }
}
