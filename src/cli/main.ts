#!/usr/bin/env node
// The `pixii-rx` executable: runs the CLI on this process's streams, environment and signals.
// Everything else is in runCli.ts, so that it can be tested in-process.
import { readFileSync } from 'node:fs'
import { asyncScheduler } from 'rxjs'
import { runCli } from './runCli.js'

const stop = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort())
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
const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, scheduler: asyncScheduler, stop: stop.signal }
process.exitCode = await runCli(process.argv.slice(2), io, version)
// A watch that was stopped mid-way (Ctrl-C) has nothing left to wait for.
if (stop.signal.aborted) process.exit()
