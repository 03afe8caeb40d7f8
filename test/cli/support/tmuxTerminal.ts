// A real terminal for the CLI: a tmux server of its own (a private socket per terminal), one
// window of a given size running one command. The test reads what the command wrote as it writes
// it (tmux's control mode streams every byte of the pane as `%output` lines), what the terminal
// shows (`capture-pane`), how the command ended (`pane_dead_status` / `pane_dead_signal`), and
// types into it (`send-keys C-c` reaches the whole foreground process group, as a Ctrl-C does).
// How the command ended comes from a small parent of it (reportExit.mjs), not from tmux.
// Nothing here sleeps: every wait is on a line from tmux or on a child process's exit.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { childEnv, root, scratch } from './cliProcess.js'

const reporter = fileURLToPath(new URL('./reportExit.mjs', import.meta.url))

const run = promisify(execFile)

/** Why tmux cannot be used here, or `undefined` when it can. */
export function tmuxMissing(): string | undefined {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' })
    return undefined
  } catch {
    return 'tmux is not installed, so no terminal can be made'
  }
}

/** How the command in the terminal ended. */
export interface TerminalExit {
  /** Its exit code, when it exited by itself. */
  readonly code: number | null
  /** The signal that killed it, when one did. */
  readonly signal: NodeJS.Signals | null
}

export interface Terminal {
  /** Every byte the command wrote so far, escape codes included. */
  readonly written: () => string
  /** Resolves once what the command wrote (from byte `from` on) matches `pattern` (at once if it already does). */
  untilWritten(pattern: RegExp, from?: number): Promise<void>
  /** The terminal's screen now (not its scrollback): one string per row, trailing blanks cut. */
  screen(): Promise<string[]>
  /** Types keys, in tmux's names (`C-c`, `Enter`). */
  keys(...keys: string[]): Promise<void>
  /** Sends a signal to the command's process (only to it, as `kill` does). */
  signal(signal: NodeJS.Signals): Promise<void>
  /** Resizes the window. */
  resize(columns: number, rows: number): Promise<void>
  /** Resolves when the command has ended. */
  readonly exited: Promise<TerminalExit>
  /** Stops tmux (and the command, if still running). */
  close(): Promise<void>
}

const quote = (part: string): string => `'${part.replace(/'/g, `'\\''`)}'`

// Control mode escapes bytes below 32 and the backslash as \ooo; UTF-8 passes through.
const unescape = (text: string): string => text.replace(/\\([0-7]{3})/g, (_match, octal: string) => String.fromCharCode(parseInt(octal, 8)))

/**
 * Starts `argv` in a `columns`×`rows` terminal with `env` (over the test's environment without
 * Pixii settings). The command starts only once the test is listening, so no byte is missed.
 */
export async function startTerminal(argv: readonly string[], options: { columns: number; rows: number; env?: Readonly<Record<string, string>> }): Promise<Terminal> {
  const socket = `pixii-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
  const tmux = (...args: string[]) => run('tmux', ['-L', socket, ...args], { cwd: root, env: childEnv() })
  const exports = Object.entries(options.env ?? {}).map(([name, value]) => `${name}=${quote(value)}`)
  const statusFile = join(scratch('terminal'), 'status.json')
  // `wait-for go` holds the command until the control client below is attached and reading.
  const command = `tmux wait-for go; exec env ${exports.join(' ')} ${[process.execPath, reporter, statusFile, ...argv].map(quote).join(' ')}`
  await run(
    'tmux',
    ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-s', 't', '-x', String(options.columns), '-y', String(options.rows), command,
      ';', 'set', '-g', 'remain-on-exit', 'on', ';', 'set', '-g', 'window-size', 'manual', ';', 'set', '-g', 'status', 'off'],
    { cwd: root, env: childEnv(options.env) },
  )
  let written = ''
  const waiters: Array<{ pattern: RegExp; from: number; resolve: () => void }> = []
  const control: ChildProcess = spawn('tmux', ['-L', socket, '-C', 'attach', '-t', 't'], { cwd: root, env: childEnv(), stdio: ['pipe', 'pipe', 'ignore'] })
  let pending = ''
  // Decoded as a stream, so that a character split across two chunks stays whole.
  control.stdout?.setEncoding('utf8')
  const attached = new Promise<void>((resolve) => {
    control.stdout?.on('data', (chunk: string) => {
      pending += chunk
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        if (line.startsWith('%session-changed')) resolve()
        if (!line.startsWith('%output ')) continue
        written += unescape(line.slice(line.indexOf(' ', 8) + 1))
        for (const waiter of waiters.filter((w) => w.pattern.test(written.slice(w.from)))) {
          waiters.splice(waiters.indexOf(waiter), 1)
          waiter.resolve()
        }
      }
    })
  })
  await attached
  const died = run('tmux', ['-L', socket, 'wait-for', 'died'], { cwd: root, env: childEnv() })
  await tmux('wait-for', '-S', 'go')
  const exited = died.then(async () => JSON.parse(await readFile(statusFile, 'utf8')) as TerminalExit)
  return {
    written: () => written,
    untilWritten: (pattern, from = 0) =>
      pattern.test(written.slice(from)) ? Promise.resolve() : new Promise((resolve) => waiters.push({ pattern, from, resolve })),
    async screen() {
      const { stdout } = await tmux('capture-pane', '-p', '-t', 't')
      return stdout.split('\n').map((row) => row.trimEnd()).filter((row) => !row.startsWith('Pane is dead'))
    },
    async keys(...keys) {
      await tmux('send-keys', '-t', 't', ...keys)
    },
    async signal(signal) {
      process.kill(Number(await readFile(`${statusFile}.pid`, 'utf8')), signal)
    },
    async resize(columns, rows) {
      await tmux('resize-window', '-t', 't', '-x', String(columns), '-y', String(rows))
    },
    exited,
    async close() {
      control.kill()
      await tmux('kill-server').catch(() => undefined)
    },
  }
}
