// A private redis-server for one test file: Debian's binary on a free loopback port, its own
// temporary folder, and AOF fsynced on every write (`appendfsync always`), so that a server
// killed with SIGKILL and started again on the same folder has every write it acknowledged. It
// is ready when it prints "Ready to accept connections"; stopped (and its folder removed) by its
// pid. No mock: the limiter's scripts run in the real server.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const REDIS_SERVER = process.env['REDIS_SERVER'] ?? 'redis-server'

/** Why redis-server cannot run here, or `undefined` when it can (for `requireTool`). */
export function redisServerMissing(): string | undefined {
  const probe = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8' })
  if (probe.error !== undefined || probe.status !== 0) return `${REDIS_SERVER} not found (apt-get install -y redis-server)`
  return undefined
}

/** A free TCP port on 127.0.0.1, as the kernel hands one out. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export interface RedisServer {
  readonly port: number
  readonly url: string
  readonly dir: string
  /** The running process (replaced by `restart`). */
  readonly process: ChildProcess
  /** Kills it with `signal` (SIGKILL: as a crash) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>
  /**
   * Stops it with SIGSTOP and resolves once the kernel shows it stopped: its connections stay
   * open and take commands, none is answered (a command sent now is still unanswered when the
   * server is then killed).
   */
  freeze(): Promise<void>
  /** Resumes a frozen server with SIGCONT and resolves once the kernel shows it running again. */
  thaw(): Promise<void>
  /** Starts it again on the same port and folder; resolves once it accepts connections. */
  restart(): Promise<void>
  /** Kills it and removes its folder. */
  stop(): Promise<void>
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--logfile', '', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  return new Promise((resolve, reject) => {
    let output = ''
    const fail = (why: string): void => reject(new Error(`redis-server on port ${port} did not start: ${why}\n${output.slice(-2000)}`))
    child.once('error', (error) => fail(error.message))
    child.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`))
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        child.removeAllListeners('exit')
        resolve(child)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  })
}

async function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill(signal)
  await gone
}

// The process state ("T" once stopped), third field of /proc/<pid>/stat after the parenthesised name.
const processState = (pid: number): string => readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').charAt(0)

async function stopped(child: ChildProcess): Promise<void> {
  child.kill('SIGSTOP')
  // The signal is delivered asynchronously: wait (turn by turn of the event loop) until it took hold.
  while (processState(child.pid as number) !== 'T') await new Promise((resolve) => setImmediate(resolve))
}

async function resumed(child: ChildProcess): Promise<void> {
  child.kill('SIGCONT')
  while (processState(child.pid as number) === 'T') await new Promise((resolve) => setImmediate(resolve))
}

/** Starts a private redis-server; retries on another port if the one picked was taken meanwhile. */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pixii-rx-redis-'))
  let port = await freePort()
  let child: ChildProcess | undefined
  for (let attempt = 0; child === undefined; attempt += 1) {
    try {
      child = await launch(port, dir)
    } catch (error) {
      if (attempt >= 3) throw error
      port = await freePort()
    }
  }
  let current = child
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    get process() {
      return current
    },
    kill: (signal = 'SIGKILL') => exited(current, signal),
    freeze: () => stopped(current),
    thaw: () => resumed(current),
    restart: async () => {
      await exited(current, 'SIGKILL')
      current = await launch(port, dir)
    },
    stop: async () => {
      await exited(current, 'SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
