#!/usr/bin/env node
// The `pixii-rx` executable: runs the CLI on this process's streams, environment and signals.
// Everything else is in runCli.ts, so that it can be tested in-process.
import { readFileSync } from 'node:fs'
import { asyncScheduler } from 'rxjs'
import { interruptedExitCode } from './stopped.js'
import { runCli } from './runCli.js'
import { showCursor } from './display/terminalFrame.js'

const stop = new AbortController()
// The first SIGINT or SIGTERM stops the command, which then shows where each job was and exits
// 130; the handlers stay installed, so that a terminal and a pipe behave alike. A second one
// quits at once, still with the cursor back and exit code 130.
let signals = 0
const onSignal = (signal: NodeJS.Signals): void => {
  signals += 1
  if (signals === 1) return stop.abort()
  if (process.stdout.isTTY && process.env['TERM'] !== 'dumb') process.stdout.write(showCursor)
  process.stderr.write(`\npixii-rx: ${signal} again, quitting at once\n`)
  process.exit(interruptedExitCode)
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignal)
// A reader that went away (`pixii-rx watch … | head`) ends the command quietly, as in other CLIs.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    stop.abort()
    process.exit(process.exitCode ?? 0)
  })
}
// The package's own package.json, through its exports map (`pixii-rx/package.json`).
const { version } = JSON.parse(readFileSync(new URL(import.meta.resolve('pixii-rx/package.json')), 'utf8')) as { version: string }
const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  // Only `--api-key-stdin` touches stdin: opened before, a terminal's stdin would hold the process.
  get stdin() {
    return process.stdin
  },
  env: process.env,
  scheduler: asyncScheduler,
  stop: stop.signal,
}
process.exitCode = await runCli(process.argv.slice(2), io, version)
// A watch that was stopped mid-way (Ctrl-C) has nothing left to wait for.
if (stop.signal.aborted) process.exit()
