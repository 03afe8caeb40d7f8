// Builds the dual package: dist/esm (NodeNext) and dist/cjs (CommonJS), each with its own
// declarations. dist/cjs/package.json marks that folder as CommonJS inside this ESM package.
// The two compilations write to separate folders, so they run side by side. Then the browser
// bundle, dist/browser/pixii-rx.js (scripts/browserBundle.mjs), and its size.
import { spawn } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { buildBrowserBundle, describeSize } from './browserBundle.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const projects = ['tsconfig.build.json', 'tsconfig.build.cjs.json']

function compile(project) {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--pretty'], { cwd: root })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ project, ok: code === 0, exit: code ?? signal, output, ms: Date.now() - started }))
  })
}

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true })
const results = await Promise.all(projects.map(compile))
for (const { project, ok, exit, output, ms } of results) {
  if (output) process.stderr.write(output)
  console.log(ok ? `build: ${project} (${ms} ms)` : `build: tsc -p ${project} failed (exit ${exit})`)
}
if (results.some((result) => !result.ok)) process.exit(1)

await mkdir(new URL('../dist/cjs', import.meta.url), { recursive: true })
await writeFile(new URL('../dist/cjs/package.json', import.meta.url), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`)
console.log('build: wrote dist/cjs/package.json')

const browser = await buildBrowserBundle()
console.log(`build: ${browser.file}: ${describeSize(browser)}`)
