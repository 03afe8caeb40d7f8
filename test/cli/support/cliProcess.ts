// Runs the pixii-rx CLI as a child process. The CLI is bundled once per test process with
// esbuild (its dependencies stay external, resolved from node_modules as they would be once
// installed), so that each run starts in plain Node instead of compiling TypeScript again.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

export const root = fileURLToPath(new URL('../../..', import.meta.url))
const outDir = join(root, '.tmp', 'cli', `run-${process.pid}`)
let bundled: Promise<string> | undefined
// The bundle and the scratch folders of this test process go when it ends.
process.once('exit', () => rmSync(outDir, { recursive: true, force: true }))

/** The path of the bundled CLI (built at the first call). */
export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    mkdirSync(outDir, { recursive: true })
    const outfile = join(outDir, 'pixii-rx.mjs')
    await build({ entryPoints: [join(root, 'src/cli/main.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' })
    return outfile
  })()
  return bundled
}

/** A scratch folder for one test, inside this test process's folder. */
export function scratch(name: string): string {
  const dir = join(outDir, `${name}-${Math.random().toString(36).slice(2, 8)}`)
  mkdirSync(dir, { recursive: true })
  return dir
}

/** What a finished run printed and how it ended. */
export interface CliRun {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** The environment of a child: this process's, without any Pixii settings, plus `env`. */
export function childEnv(env: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const { PIXII_API_KEY: _key, PIXII_BASE_URL: _url, ...rest } = process.env
  return { ...rest, NO_COLOR: '1', ...env }
}

/** Starts `pixii-rx args…` with stdout and stderr piped (so stdout is not a terminal). */
export async function startCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<ChildProcess> {
  return spawn(process.execPath, [await cliBundle(), ...args], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Collects a child's output until it exits. */
export function finished(child: ChildProcess): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}

/** Runs `pixii-rx args…` to its end. */
export async function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  return finished(await startCli(args, env))
}

/** Each line of NDJSON output, parsed. */
export function ndjson(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

/** Resolves with the first line the child prints on stdout. */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    const onData = (chunk: Buffer): void => {
      text += chunk.toString()
      const end = text.indexOf('\n')
      if (end < 0) return
      child.stdout?.off('data', onData)
      resolve(text.slice(0, end))
    }
    child.stdout?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`the CLI exited (${code}) before printing a line: ${text}`)))
  })
}

/** Resolves once the child's stdout or stderr (as `stream` says) matches `pattern`. */
export function untilOutput(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    const source = stream === 'stdout' ? child.stdout : child.stderr
    const onData = (chunk: Buffer): void => {
      text += chunk.toString()
      if (!pattern.test(text)) return
      source?.off('data', onData)
      resolve(text)
    }
    source?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`the CLI exited (${code}) before printing ${pattern}: ${text}`)))
  })
}
