// npm run chaos: compiles the chaos run and the library with tsc into a fresh .tmp/chaos, runs it
// with plain node and --expose-gc, and checks that the process ends on its own: after the run's
// last line ("chaos: done") it gets 10 s, then it is killed and the run fails. The measured exit
// delay goes into docs/reliability.md when the run wrote it. Arguments go to chaos/main.ts. Then
// it runs the catalogue crash run (chaos/catalogueCrashMain.ts) and the fleet run of a shared
// catalogue (chaos/fleetRunMain.ts, which needs redis-server), each writing its own section.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const doc = fileURLToPath(new URL('../docs/reliability.md', import.meta.url))
const placeholder = '<!-- exit measured by scripts/chaos.mjs -->'
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const EXIT_GRACE_MS = 10_000

rmSync(new URL('../.tmp/chaos', import.meta.url), { recursive: true, force: true })
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.chaos.json'], { cwd: root, stdio: 'inherit' }).status ?? 1
if (compiled !== 0) process.exit(compiled)

const modifiedBefore = (() => {
  try {
    return statSync(doc).mtimeMs
  } catch {
    return 0
  }
})()
const child = spawn(process.execPath, ['--expose-gc', '.tmp/chaos/chaos/main.js', ...process.argv.slice(2)], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
})
let doneAt
let killer
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk)
  if (doneAt === undefined && String(chunk).includes('chaos: done')) {
    doneAt = performance.now()
    killer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS)
  }
})
child.on('exit', (code, signal) => {
  clearTimeout(killer)
  const endedOnItsOwn = signal === null && doneAt !== undefined
  const delay = doneAt === undefined ? undefined : Math.round(performance.now() - doneAt)
  const verdict = endedOnItsOwn ? `${delay} ms after its last line` : `did not end on its own (killed after ${EXIT_GRACE_MS / 1000} s)`
  console.log(`process exit: ${doneAt === undefined ? `ended before finishing (code ${code}, signal ${signal})` : verdict}`)
  try {
    if (doneAt !== undefined && statSync(doc).mtimeMs > modifiedBefore) {
      writeFileSync(doc, readFileSync(doc, 'utf8').replace(placeholder, endedOnItsOwn ? verdict : `**${verdict}**`))
    }
  } catch {
    // No report this time (a partial run writes none).
  }
  if (!endedOnItsOwn || code !== 0) process.exit(endedOnItsOwn ? (code ?? 1) : 1)
  // Then the crash run of `pixii-rx batch` (chaos/catalogueCrashMain.ts), with the same arguments,
  // and the fleet run of four `pixii-rx batch --store redis://…` workers (chaos/fleetRunMain.ts).
  const crash = spawnSync(process.execPath, ['.tmp/chaos/chaos/catalogueCrashMain.js', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
  const fleet = spawnSync(process.execPath, ['.tmp/chaos/chaos/fleetRunMain.js', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
  process.exit((crash.status ?? 1) || (fleet.status ?? 1))
})
