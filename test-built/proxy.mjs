// Loads the built pixii-rx/proxy by the package's own name under plain Node, through import and
// require, and forwards a real request through it to the built simulator.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { createPixiiProxy } from 'pixii-rx/proxy'
import { startSimulator } from 'pixii-rx/testing'

const require = createRequire(import.meta.url)
assert.equal(typeof require('pixii-rx/proxy').createPixiiProxy, 'function', 'require("pixii-rx/proxy") gives createPixiiProxy')
assert.ok(import.meta.resolve('pixii-rx/proxy').endsWith('/dist/esm/proxy/index.js'))
assert.ok(require.resolve('pixii-rx/proxy').endsWith('/dist/cjs/proxy/index.js'))

const simulator = await startSimulator()
const server = createServer(createPixiiProxy({ apiKey: simulator.testKey, upstream: simulator.url, allow: ['listJobs'] }))
try {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const res = await fetch(`http://127.0.0.1:${server.address().port}/v1/api/jobs?asin=B0CHX1W1XY`)
  assert.equal(res.status, 200)
  assert.equal((await res.json()).total, 0)
  console.log('test-built (proxy): ok, pixii-rx/proxy through import and require, a list request forwarded')
} finally {
  server.close()
  await simulator.close()
}
