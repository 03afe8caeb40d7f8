// Loads the built browser bundle, dist/browser/pixii-rx.js, under plain Node: it must be one
// self-contained ES module (no import of its own), and work: a watch against the simulator.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { lastValueFrom } from 'rxjs'
import { startSimulator } from 'pixii-rx/testing'

const bundle = new URL('../dist/browser/pixii-rx.js', import.meta.url)
const code = await readFile(bundle, 'utf8')
assert.doesNotMatch(code, /^import\b|\bimport\s*\(|\brequire\(/m, 'the bundle imports or requires nothing')
assert.doesNotMatch(code, /XMLHttpRequest/, 'no fetch polyfill: cross-fetch hands over to the page’s fetch')
const pixii = await import(bundle.href)
const simulator = await startSimulator()
try {
  const client = pixii.createPixiiClient({ apiKey: simulator.testKey, baseUrl: simulator.url })
  const job = await lastValueFrom(client.watchJob$(simulator.createJob({ key: simulator.testKey })))
  assert.equal(job.status, 'completed')
  console.log(`test-built (browser bundle): ok, ${code.length} bytes, a job watched to ${job.status}`)
} finally {
  await simulator.close()
}
