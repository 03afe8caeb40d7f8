// npm run bench: compiles the benchmarks and the library with tsc into a fresh .tmp/bench (so
// that a benchmark deleted from bench/ leaves no stale copy behind) and runs them with plain
// node, as the package ships; arguments go to bench/run.ts (which benchmarks to run).
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1

rmSync(new URL('../.tmp/bench', import.meta.url), { recursive: true, force: true })
const compiled = run([tsc, '-p', 'tsconfig.bench.json'])
if (compiled !== 0) process.exit(compiled)
process.exit(run(['.tmp/bench/bench/run.js', ...process.argv.slice(2)]))
